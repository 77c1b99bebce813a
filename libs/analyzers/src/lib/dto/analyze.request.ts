import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { IsPresetName, PRESET_NAME_MAX_LENGTH } from '@atelier/presets';

const PRESET_NAME_DESCRIPTION =
  'Name of the preset to create (default: the name the analysis suggests); trimmed, no control or invisible formatting characters';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class AnalyzeQuery {
  @ApiPropertyOptional({ description: 'true: answer 202 at once with the job; false: wait for the result', default: false, type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'async_mode must be true or false' })
  async_mode?: boolean;
}

/** Text fields of the multipart form (the file itself arrives through the upload interceptor). */
export class AnalyzeForm {
  @ApiPropertyOptional({ description: PRESET_NAME_DESCRIPTION, maxLength: PRESET_NAME_MAX_LENGTH })
  @IsOptional()
  @IsPresetName()
  preset_name?: string;
}

export class ComprehensiveForm extends AnalyzeForm {
  @ApiPropertyOptional({ description: 'Comma list of analyzer names (default: all of them)', example: 'hair-color,makeup' })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  analyzers?: string;
}

const imageField = { type: 'string', format: 'binary', description: 'JPEG, PNG, WebP or GIF (checked by content), within MAX_UPLOAD_BYTES and MAX_IMAGE_PIXELS' };
const presetNameField = { type: 'string', maxLength: PRESET_NAME_MAX_LENGTH, description: PRESET_NAME_DESCRIPTION };

/** OpenAPI multipart bodies. */
export const ANALYZE_FORM_SCHEMA = {
  type: 'object',
  required: ['image'],
  properties: { image: imageField, preset_name: presetNameField },
};

export const COMPREHENSIVE_FORM_SCHEMA = {
  type: 'object',
  required: ['image'],
  properties: {
    image: imageField,
    preset_name: presetNameField,
    analyzers: { type: 'string', description: 'Comma list of analyzer names (default: all of them)', example: 'hair-color,makeup' },
  },
};
