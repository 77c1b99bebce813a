import { Module } from '@nestjs/common';
import { IdempotencyJanitor } from './idempotency/idempotency-janitor';
import { WebhookDeliveryModule } from './webhooks/webhook-delivery.module';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';
import { DeliveryOutbox } from './webhooks/deliveries/delivery-outbox';
import { CallbackUrls } from './webhooks/callbacks/callback-urls';

/**
 * What integrations rely on beyond the resources themselves: idempotent job creation (routes opt in
 * with @Idempotent(); this module deletes expired keys), webhooks (subscriptions, the outbox that
 * turns job ends into deliveries, the deliver_webhook handler) and callback_url checks for the libs
 * that create jobs. Needs the persistence, platform and jobs modules.
 */
@Module({
  imports: [WebhookDeliveryModule],
  controllers: [WebhooksController],
  providers: [IdempotencyJanitor, WebhooksService, DeliveryOutbox, CallbackUrls],
  exports: [CallbackUrls],
})
export class IntegrationsModule {}
