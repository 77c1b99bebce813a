import { ApiProperty } from '@nestjs/swagger';
import { IsPresetName, PRESET_NAME_MAX_LENGTH } from './preset-name';

export class RenamePresetBody {
  @ApiProperty({ example: 'Copper balayage', minLength: 1, maxLength: PRESET_NAME_MAX_LENGTH, description: 'Trimmed; no control or invisible formatting characters' })
  @IsPresetName()
  name!: string;
}
