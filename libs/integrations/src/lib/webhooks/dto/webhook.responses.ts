import { ApiProperty } from '@nestjs/swagger';
import { DELIVERY_STATUSES, WEBHOOK_EVENTS } from '@atelier/contracts';

/** OpenAPI shapes of the webhook wire types (the types themselves live in @atelier/contracts). */
export class WebhookDto {
  @ApiProperty({ example: '0193a7c2-5b1e-7c3a-9f10-2b3c4d5e6f71' }) webhook_id!: string;
  @ApiProperty({ example: 'https://hooks.example.com/atelier' }) url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['job.completed', 'job.failed'] }) events!: string[];
  @ApiProperty({ type: String, nullable: true, example: 'CRM sync' }) description!: string | null;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ description: 'user_id of who made it: it receives the events of the jobs this user may see' }) owner!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class WebhookWithSecretDto extends WebhookDto {
  @ApiProperty({ description: 'Signing secret (Standard Webhooks), shown in this answer only', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }) secret!: string;
}

export class WebhookListDto {
  @ApiProperty({ type: [WebhookDto] }) webhooks!: WebhookDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;
}

export class WebhookDeliveryDto {
  @ApiProperty({ description: 'Also the webhook-id header of every attempt' }) delivery_id!: string;
  @ApiProperty({ description: 'The webhook, or "callback" for a request\'s callback_url' }) webhook_id!: string;
  @ApiProperty() job_id!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS }) event!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: string;
  @ApiProperty({ description: 'Attempts made so far, over every attempt series' }) attempts!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'HTTP status of the last attempt', example: 200 }) response_code!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 84 }) latency_ms!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'The receiver answered 503' }) last_error!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) next_attempt_at!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The deliver_webhook job of the current attempt series' }) delivery_job_id!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class WebhookDeliveryListDto {
  @ApiProperty({ type: [WebhookDeliveryDto] }) deliveries!: WebhookDeliveryDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;
}

export class CallbackSecretDto {
  @ApiProperty({ description: 'Signs this user\'s callback_url deliveries (Standard Webhooks)', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }) secret!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}
