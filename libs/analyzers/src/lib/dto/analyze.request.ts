import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsPresetName, PRESET_NAME_MAX_LENGTH } from '@atelier/presets';

const PRESET_NAME_DESCRIPTION =
  'Name of the preset to create (default: the name the analysis suggests); trimmed, no control or invisible formatting characters';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
/** A form field arrives as text: a whole number becomes a number, anything else stays as sent (and fails @IsInt). */
const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\s*[-+]?\d{1,6}\s*$/.test(value) ? Number(value) : value);

export const PRIORITY_MIN = -10;
export const PRIORITY_MAX = 10;
const PRIORITY_DESCRIPTION = `Integer ${PRIORITY_MIN}…${PRIORITY_MAX}, default 0: queued jobs with a higher priority run first`;
const PRIORITY_MESSAGE = `priority must be a whole number from ${PRIORITY_MIN} to ${PRIORITY_MAX}`;

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

  @ApiPropertyOptional({ description: PRIORITY_DESCRIPTION, type: 'integer', minimum: PRIORITY_MIN, maximum: PRIORITY_MAX, default: 0 })
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: PRIORITY_MESSAGE })
  @Min(PRIORITY_MIN, { message: PRIORITY_MESSAGE })
  @Max(PRIORITY_MAX, { message: PRIORITY_MESSAGE })
  priority?: number;
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
const priorityField = { type: 'integer', minimum: PRIORITY_MIN, maximum: PRIORITY_MAX, default: 0, description: PRIORITY_DESCRIPTION };

/** OpenAPI multipart bodies. */
export const ANALYZE_FORM_SCHEMA = {
  type: 'object',
  required: ['image'],
  properties: { image: imageField, preset_name: presetNameField, priority: priorityField },
};

export const COMPREHENSIVE_FORM_SCHEMA = {
  type: 'object',
  required: ['image'],
  properties: {
    image: imageField,
    preset_name: presetNameField,
    priority: priorityField,
    analyzers: { type: 'string', description: 'Comma list of analyzer names (default: all of them)', example: 'hair-color,makeup' },
  },
};
