import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { IsPresetName, PRESET_NAME_MAX_LENGTH } from '@atelier/presets';
import { MAX_URL_LENGTH } from '@atelier/integrations';

const PRESET_NAME_DESCRIPTION =
  'Name of the preset to create (default: the name the analysis suggests); trimmed, no control or invisible formatting characters';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
/** A form field arrives as text: a whole number becomes a number, anything else stays as sent (and fails @IsInt). */
const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\s*[-+]?\d{1,6}\s*$/.test(value) ? Number(value) : value);

export const PRIORITY_MIN = -10;
export const PRIORITY_MAX = 10;
const PRIORITY_DESCRIPTION = `Integer ${PRIORITY_MIN}…${PRIORITY_MAX}, default 0: queued jobs with a higher priority run first`;
const PRIORITY_MESSAGE = `priority must be a whole number from ${PRIORITY_MIN} to ${PRIORITY_MAX}`;
const CALLBACK_DESCRIPTION =
  'http(s) URL that receives this job\'s final event (job.completed, job.failed or job.cancelled) once, signed per Standard Webhooks with your callback signing secret (GET /api/webhooks/callback-secret); refused (400) on a private address unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true';

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

  // Checked further (scheme, address) by CallbackUrls before anything is created.
  @ApiPropertyOptional({ description: CALLBACK_DESCRIPTION, maxLength: MAX_URL_LENGTH, example: 'https://hooks.example.com/atelier' })
  @IsOptional()
  @IsString({ message: 'callback_url must be an absolute http:// or https:// URL' })
  @MaxLength(MAX_URL_LENGTH, { message: `callback_url is longer than ${MAX_URL_LENGTH} characters` })
  callback_url?: string;
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
const callbackField = { type: 'string', format: 'uri', maxLength: MAX_URL_LENGTH, description: CALLBACK_DESCRIPTION };

/** OpenAPI multipart bodies. */
export const ANALYZE_FORM_SCHEMA = {
  type: 'object',
  required: ['image'],
  properties: { image: imageField, preset_name: presetNameField, priority: priorityField, callback_url: callbackField },
};

export const COMPREHENSIVE_FORM_SCHEMA = {
  type: 'object',
  required: ['image'],
  properties: {
    image: imageField,
    preset_name: presetNameField,
    priority: priorityField,
    callback_url: callbackField,
    analyzers: { type: 'string', description: 'Comma list of analyzer names (default: all of them)', example: 'hair-color,makeup' },
  },
};
