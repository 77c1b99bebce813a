import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { WEBHOOK_EVENTS, type WebhookEvent } from '@atelier/contracts';
import { MAX_URL_LENGTH } from '../targets/webhook-target-guard';

export const DESCRIPTION_MAX_LENGTH = 500;
const EVENTS_MESSAGE = `events must list one or more of: ${WEBHOOK_EVENTS.join(', ')}`;
const URL_DESCRIPTION = 'Where deliveries are POSTed: http(s), a public address unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true; redirects are not followed';

/** 1 to 3 names of WEBHOOK_EVENTS; a 400 lists the allowed ones. */
function IsWebhookEvents(): PropertyDecorator {
  return applyDecorators(
    IsArray({ message: EVENTS_MESSAGE }),
    ArrayMinSize(1, { message: EVENTS_MESSAGE }),
    ArrayMaxSize(WEBHOOK_EVENTS.length, { message: `events lists at most ${WEBHOOK_EVENTS.length} names (${WEBHOOK_EVENTS.join(', ')})` }),
    IsIn(WEBHOOK_EVENTS, { each: true, message: ({ value }) => `events holds unknown names (${JSON.stringify(value)}); allowed: ${WEBHOOK_EVENTS.join(', ')}` }),
  );
}

export class CreateWebhookBody {
  @ApiProperty({ description: URL_DESCRIPTION, example: 'https://hooks.example.com/atelier', maxLength: MAX_URL_LENGTH })
  @IsString({ message: 'url must be an absolute http:// or https:// URL' })
  url!: string;

  @ApiProperty({ description: 'The job events to receive', enum: WEBHOOK_EVENTS, isArray: true, example: ['job.completed', 'job.failed'] })
  @IsWebhookEvents()
  events!: WebhookEvent[];

  @ApiPropertyOptional({ description: 'What it is for, for people', example: 'CRM sync', maxLength: DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH, { message: `description is at most ${DESCRIPTION_MAX_LENGTH} characters` })
  description?: string;
}

export class UpdateWebhookBody {
  @ApiPropertyOptional({ description: URL_DESCRIPTION, maxLength: MAX_URL_LENGTH })
  @IsOptional()
  @IsString({ message: 'url must be an absolute http:// or https:// URL' })
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENTS, isArray: true })
  @IsOptional()
  @IsWebhookEvents()
  events?: WebhookEvent[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH, { message: `description is at most ${DESCRIPTION_MAX_LENGTH} characters` })
  description?: string | null;

  @ApiPropertyOptional({ description: 'false: no new deliveries (pending ones stop at their next attempt); the log is kept' })
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}
