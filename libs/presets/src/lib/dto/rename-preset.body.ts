import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RenamePresetBody {
  @ApiProperty({ example: 'Copper balayage', minLength: 1, maxLength: 200 })
  @IsString({ message: 'name must be a string' })
  @Length(1, 200, { message: 'name must be 1–200 characters' })
  name!: string;
}
