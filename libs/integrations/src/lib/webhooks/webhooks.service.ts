import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { isFinished, type CallbackSecret, type Job, type Webhook, type WebhookDelivery, type WebhookDeliveryList, type WebhookEvent, type WebhookList, type WebhookWithSecret } from '@atelier/contracts';
import { ATELIER_DB, type AtelierDb } from '@atelier/persistence';
import { JobStore, JobsService } from '@atelier/jobs';
import { AppConfig, AuditTrail, ConflictError, NotFoundError, clampLimit, decodeCursor, encodeCursor, uuidv7, type AccessScope, type Principal } from '@atelier/platform';
import { webhookDb } from './webhook-tables';
import { WebhooksStore, publicWebhook, type WebhookChanges } from './webhooks.store';
import { newWebhookSecret } from './webhook-signature';
import { WebhookTargetGuard } from './targets/webhook-target-guard';
import { DeliveriesStore, type DeliveryRow } from './deliveries/deliveries.store';
import { CallbackSecretsStore } from './callbacks/callback-secrets.store';
import { DeliveryOutbox } from './deliveries/delivery-outbox';
import type { CreateWebhookBody, UpdateWebhookBody } from './dto/webhook.bodies';

/** Webhooks one user may have; past it, creating one answers 409. */
export const MAX_WEBHOOKS_PER_USER = 50;

/** Whose webhooks a principal manages: an admin every webhook; anyone else their own. */
function ownerScope(principal: Principal): string | undefined {
  return principal.role === 'admin' ? undefined : principal.user_id;
}

/** Subscriptions, their delivery log and redeliveries, as the REST API offers them. */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger('Webhooks');
  private readonly webhooks: WebhooksStore;
  private readonly deliveries: DeliveriesStore;
  private readonly callbackSecrets: CallbackSecretsStore;
  private readonly guard: WebhookTargetGuard;

  constructor(
    @Inject(ATELIER_DB) db: AtelierDb,
    @Inject(AppConfig) config: AppConfig,
    private readonly jobStore: JobStore,
    private readonly jobs: JobsService,
    private readonly outbox: DeliveryOutbox,
    @Optional() private readonly audit?: AuditTrail,
  ) {
    const wdb = webhookDb(db);
    this.webhooks = new WebhooksStore(wdb);
    this.deliveries = new DeliveriesStore(wdb);
    this.callbackSecrets = new CallbackSecretsStore(wdb);
    this.guard = new WebhookTargetGuard(config.values.webhookAllowPrivateNetworks);
  }

  async create(principal: Principal, scope: AccessScope, body: CreateWebhookBody): Promise<WebhookWithSecret> {
    const url = (await this.guard.check(body.url)).href;
    if ((await this.webhooks.countOf(principal.user_id)) >= MAX_WEBHOOKS_PER_USER) {
      throw new ConflictError(`You already have ${MAX_WEBHOOKS_PER_USER} webhooks, the most one user may have; delete one first.`, 'webhook_limit_reached');
    }
    const now = new Date().toISOString();
    const record = {
      webhook_id: uuidv7(),
      owner: principal.user_id,
      url,
      events: uniqueEvents(body.events),
      description: body.description?.trim() || null,
      enabled: true,
      secret: newWebhookSecret(),
      created_at: now,
      updated_at: now,
    };
    await this.webhooks.insert(record);
    await this.audit?.record(scope, { action: 'webhook.created', target: record.webhook_id, detail: { url, events: record.events } });
    return { ...publicWebhook(record), secret: record.secret };
  }

  async list(principal: Principal, limit?: number, cursor?: string): Promise<WebhookList> {
    const size = clampLimit(limit);
    const rows = await this.webhooks.list(ownerScope(principal), size + 1, cursor === undefined ? undefined : decodeCursor(cursor));
    const page = rows.slice(0, size);
    return { webhooks: page.map(publicWebhook), next_cursor: rows.length > size ? encodeCursor(page[page.length - 1].webhook_id) : null };
  }

  async get(principal: Principal, id: string): Promise<Webhook> {
    return publicWebhook(await this.found(principal, id));
  }

  async update(principal: Principal, scope: AccessScope, id: string, body: UpdateWebhookBody): Promise<Webhook> {
    await this.found(principal, id);
    const changes: WebhookChanges = {};
    if (body.url !== undefined) changes.url = (await this.guard.check(body.url)).href;
    if (body.events !== undefined) changes.events = uniqueEvents(body.events);
    if (body.description !== undefined) changes.description = body.description?.trim() || null;
    if (body.enabled !== undefined) changes.enabled = body.enabled;
    const updated = await this.webhooks.update(id, ownerScope(principal), changes);
    if (!updated) throw notFound(id);
    await this.audit?.record(scope, { action: 'webhook.updated', target: id, detail: { ...changes } });
    return publicWebhook(updated);
  }

  /** Deletes the webhook and its log, and stops its deliveries still queued or running. */
  async delete(principal: Principal, scope: AccessScope, id: string): Promise<void> {
    if (!(await this.webhooks.delete(id, ownerScope(principal)))) throw notFound(id);
    const jobIds = await this.deliveries.deleteOfWebhook(id);
    await this.audit?.record(scope, { action: 'webhook.deleted', target: id });
    for (const jobId of jobIds) await this.stopDelivery(jobId);
  }

  async rotateSecret(principal: Principal, scope: AccessScope, id: string): Promise<WebhookWithSecret> {
    await this.found(principal, id);
    const secret = newWebhookSecret();
    const updated = await this.webhooks.update(id, ownerScope(principal), { secret });
    if (!updated) throw notFound(id);
    await this.audit?.record(scope, { action: 'webhook.secret_rotated', target: id });
    return { ...publicWebhook(updated), secret };
  }

  async listDeliveries(principal: Principal, id: string, limit?: number, cursor?: string): Promise<WebhookDeliveryList> {
    await this.found(principal, id);
    const size = clampLimit(limit);
    const rows = await this.deliveries.list(id, size + 1, cursor === undefined ? undefined : decodeCursor(cursor));
    const page = rows.slice(0, size);
    return { deliveries: await this.withJobs(page), next_cursor: rows.length > size ? encodeCursor(page[page.length - 1].delivery_id) : null };
  }

  /**
   * A new attempt series for the same delivery (same webhook-id), once the current one ended. Of
   * concurrent redeliveries one wins (the others answer 409), so one series runs at a time.
   */
  async redeliver(principal: Principal, scope: AccessScope, id: string, deliveryId: string): Promise<WebhookDelivery> {
    await this.found(principal, id);
    const delivery = await this.deliveries.get(deliveryId);
    if (!delivery || delivery.webhook_id !== id) throw new NotFoundError(`No delivery with id "${deliveryId}" for webhook "${id}".`);
    const current = delivery.dispatch_job_id ? await this.jobStore.get(delivery.dispatch_job_id) : undefined;
    if ((current && !isFinished(current.status)) || (!delivery.dispatch_job_id && delivery.status === 'pending')) {
      const cancel = delivery.dispatch_job_id ? ` (or cancel its job ${delivery.dispatch_job_id} first)` : '';
      throw new ConflictError(`Delivery "${deliveryId}" is still being attempted; redeliver it once it succeeded or failed${cancel}.`, 'delivery_in_progress');
    }
    if (!(await this.deliveries.restartSeries(deliveryId, delivery.dispatch_job_id))) {
      throw new ConflictError(`Delivery "${deliveryId}" is already being redelivered.`, 'delivery_in_progress');
    }
    await this.outbox.dispatch(delivery);
    await this.audit?.record(scope, { action: 'webhook.redelivered', target: deliveryId, detail: { webhook_id: id } });
    const [answer] = await this.withJobs([(await this.deliveries.get(deliveryId)) ?? delivery]);
    return answer;
  }

  callbackSecret(principal: Principal): Promise<CallbackSecret> {
    return this.callbackSecrets.get(principal.user_id);
  }

  async rotateCallbackSecret(principal: Principal, scope: AccessScope): Promise<CallbackSecret> {
    const fresh = await this.callbackSecrets.rotate(principal.user_id);
    await this.audit?.record(scope, { action: 'webhook.callback_secret_rotated', target: principal.user_id });
    return fresh;
  }

  private async found(principal: Principal, id: string) {
    const webhook = await this.webhooks.get(id, ownerScope(principal));
    if (!webhook) throw notFound(id);
    return webhook;
  }

  /** The wire rows: status and next attempt from the job of the current series (a series whose job ended without a word failed). */
  private async withJobs(rows: DeliveryRow[]): Promise<WebhookDelivery[]> {
    const ids = rows.flatMap((r) => (r.dispatch_job_id ? [r.dispatch_job_id] : []));
    const jobs = new Map((await this.jobStore.getMany(ids)).map((j) => [j.job_id, j]));
    return rows.map((r) => toWire(r, r.dispatch_job_id ? jobs.get(r.dispatch_job_id) : undefined));
  }

  private async stopDelivery(jobId: string): Promise<void> {
    try {
      await this.jobs.cancel(jobId);
    } catch (err) {
      // Already ended, or gone: nothing to stop. Anything else: the job finds its delivery deleted and sends nothing.
      if (!(err instanceof ConflictError || err instanceof NotFoundError)) this.logger.warn(`Delivery job ${jobId} not cancelled: ${String(err)}`);
    }
  }
}

function toWire(r: DeliveryRow, job: Job | undefined): WebhookDelivery {
  const ended = !job || isFinished(job.status);
  const status = r.status === 'pending' && r.dispatch_job_id && ended ? 'failed' : (r.status as WebhookDelivery['status']);
  const waiting = job?.status === 'queued' ? (job.run_at ?? new Date().toISOString()) : null;
  return {
    delivery_id: r.delivery_id,
    webhook_id: r.webhook_id,
    job_id: r.job_id,
    event: r.event as WebhookEvent,
    status,
    attempts: Number(r.attempts),
    response_code: r.response_code === null ? null : Number(r.response_code),
    latency_ms: r.latency_ms === null ? null : Number(r.latency_ms),
    last_error: r.last_error ?? (status === 'failed' && job?.error ? job.error.message : null),
    next_attempt_at: status === 'pending' ? waiting : null,
    delivery_job_id: r.dispatch_job_id,
    created_at: r.created_at,
  };
}

function uniqueEvents(events: WebhookEvent[]): WebhookEvent[] {
  return [...new Set(events)];
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`No webhook with id "${id}".`);
}
