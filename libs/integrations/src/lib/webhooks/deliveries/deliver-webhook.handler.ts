import { Inject, Injectable } from '@nestjs/common';
import type { DeliverWebhookResult } from '@atelier/contracts';
import { AppConfig, JobFailure } from '@atelier/platform';
import { ATELIER_DB, type AtelierDb } from '@atelier/persistence';
import { JobHandlerFor, type JobContext, type JobHandler, type JobOutcome } from '@atelier/jobs';
import { CALLBACK_WEBHOOK_ID, webhookDb } from '../webhook-tables';
import { WebhooksStore } from '../webhooks.store';
import { CallbackSecretsStore } from '../callbacks/callback-secrets.store';
import { WebhookTargetGuard } from '../targets/webhook-target-guard';
import { DeliveriesStore, type DeliveryRow } from './deliveries.store';
import { WebhookSender } from './webhook-sender';

type Target = { url: string; secret: string } | { skip: string };

/**
 * One attempt of a webhook delivery, as a job: retries, backoff, timeouts, cancel and the timeline
 * come from the job engine (policy in job-options.ts). The delivery id is the `webhook-id` of every
 * attempt. A failed attempt throws, retryable unless the receiver answered 410 Gone or the target
 * is forbidden; each attempt is written to the delivery log first.
 */
@Injectable()
@JobHandlerFor('deliver_webhook')
export class DeliverWebhookHandler implements JobHandler<'deliver_webhook'> {
  readonly type = 'deliver_webhook' as const;
  private readonly deliveries: DeliveriesStore;
  private readonly webhooks: WebhooksStore;
  private readonly callbackSecrets: CallbackSecretsStore;
  private readonly sender: WebhookSender;

  constructor(@Inject(ATELIER_DB) db: AtelierDb, @Inject(AppConfig) config: AppConfig) {
    const wdb = webhookDb(db);
    this.deliveries = new DeliveriesStore(wdb);
    this.webhooks = new WebhooksStore(wdb);
    this.callbackSecrets = new CallbackSecretsStore(wdb);
    this.sender = new WebhookSender(new WebhookTargetGuard(config.values.webhookAllowPrivateNetworks));
  }

  async run(ctx: JobContext<'deliver_webhook'>): Promise<JobOutcome<'deliver_webhook'>> {
    const id = ctx.job.input.delivery_id;
    const skipped = (reason: string): JobOutcome<'deliver_webhook'> => ({ result: { delivery_id: id, outcome: 'skipped', response_code: null, latency_ms: null, reason } });
    const delivery = await this.deliveries.get(id);
    if (!delivery) return skipped('The delivery no longer exists (its webhook was deleted).');
    if (!(await this.deliveries.claimDispatch(id, ctx.job.job_id))) return skipped('A newer attempt series (a redelivery) took this delivery over.');
    const target = await this.targetOf(delivery);
    if ('skip' in target) {
      await this.deliveries.recordAttempt(id, ctx.job.job_id, { status: 'failed', response_code: null, latency_ms: null, last_error: target.skip });
      return skipped(target.skip);
    }
    await ctx.progress(1, 2, `Attempt ${ctx.job.attempts}: POST ${new URL(target.url).host}`);
    const outcome = await this.sender.send(target, id, delivery.payload, ctx.signal);
    const last = outcome.ok || !outcome.retryable || ctx.job.attempts >= ctx.job.max_attempts;
    await this.deliveries.recordAttempt(id, ctx.job.job_id, {
      status: outcome.ok ? 'succeeded' : last ? 'failed' : 'pending',
      response_code: outcome.status,
      latency_ms: outcome.latencyMs,
      last_error: outcome.error,
    });
    if (!outcome.ok) throw new JobFailure(outcome.error ?? 'The delivery failed', { code: 'webhook_delivery_failed', retryable: outcome.retryable });
    const result: DeliverWebhookResult = { delivery_id: id, outcome: 'delivered', response_code: outcome.status, latency_ms: outcome.latencyMs };
    return { result };
  }

  /** Where and with which secret: a webhook's current URL and secret, or a callback's URL and its owner's callback secret. */
  private async targetOf(delivery: DeliveryRow): Promise<Target> {
    if (delivery.webhook_id === CALLBACK_WEBHOOK_ID) {
      if (!delivery.target_url) return { skip: 'The callback has no URL.' };
      return { url: delivery.target_url, secret: (await this.callbackSecrets.get(delivery.owner)).secret };
    }
    const webhook = await this.webhooks.get(delivery.webhook_id);
    if (!webhook) return { skip: 'The webhook was deleted.' };
    if (!webhook.enabled) return { skip: 'The webhook is disabled.' };
    return { url: webhook.url, secret: webhook.secret };
  }
}
