import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class GenerateImageBody {
  @ApiPropertyOptional({ description: 'Extra instructions appended to the prompt built from the preset', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'prompt must be at most 2000 characters' })
  prompt?: string;
}
