import { Module } from '@nestjs/common';
import { DeliverWebhookHandler } from './deliveries/deliver-webhook.handler';

/** The deliver_webhook handler alone: what a worker process needs (apps/worker imports it). */
@Module({ providers: [DeliverWebhookHandler] })
export class WebhookDeliveryModule {}
