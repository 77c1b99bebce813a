import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { filter, type Subscription } from 'rxjs';
import { isFinished, isJobDataEvent, type Job } from '@atelier/contracts';
import { ATELIER_DB, type AtelierDb } from '@atelier/persistence';
import { AppConfig } from '@atelier/platform';
import { JobEventBus, JobsService, rowToRecord } from '@atelier/jobs';
import { webhookDb, type WebhookDb } from '../webhook-tables';
import { WebhooksStore } from '../webhooks.store';
import { DeliveriesStore, type DeliveryRow } from './deliveries.store';
import { callbackUrlOf, deliveriesFor, finalEventOf, type Subscriber } from './delivery-plan';
import { CALLBACK_METADATA_KEY } from '../callbacks/callback-urls';

const CURSOR = 'job-ends';
/** How often the sweep runs. */
const SWEEP_MS = 2_000;
/**
 * A job's finished_at is taken on the node that ends it, just before its commit: the sweep reads
 * only ends at least this old, so a slow commit or a node's clock a little behind is not skipped.
 */
const SETTLE_MS = 10_000;
/** A delivery whose job was not created this long after its row was (its process died in between) gets one from the sweep. */
const STRANDED_MS = 30_000;
const PAGE = 500;
/** The live path reads the webhooks at most this often (job ends can come by the thousand); the sweep reads them fresh. */
const SUBSCRIBERS_TTL_MS = 1_000;
/** How often delivery log rows past JOB_RETENTION_DAYS are deleted (their jobs go then too). */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * Turns job ends into deliveries, exactly once per (webhook, job, event) however many nodes run:
 *
 * - live: every API node hears every final job event on the JobEventBus and offers it at once;
 * - durable: a sweep walks the jobs table by finished_at behind a cursor kept in the database
 *   (webhook_outbox_cursor), so ends that no live node saw (the process died between the job's
 *   commit and its event, or was down) are still delivered, after a restart too.
 *
 * Both only INSERT … ON CONFLICT DO NOTHING into webhook_deliveries, whose unique key is (webhook,
 * job, event, finished_at): whoever inserts the row creates its deliver_webhook job. A process that
 * dies between the two leaves the row without a job; the sweep gives it one after STRANDED_MS, and
 * should two jobs ever exist for one delivery, only the one the row names sends (DeliveriesStore).
 */
@Injectable()
export class DeliveryOutbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly db: WebhookDb;
  private readonly webhooks: WebhooksStore;
  private readonly deliveries: DeliveriesStore;
  private live?: Subscription;
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private readonly pending = new Set<Promise<void>>();
  private readonly retentionMs: number;
  private prunedAt = 0;
  private cached?: { at: number; subscribers: Promise<Subscriber[]> };

  constructor(
    @Inject(ATELIER_DB) db: AtelierDb,
    private readonly bus: JobEventBus,
    private readonly jobs: JobsService,
    @Inject(AppConfig) config: Pick<AppConfig, 'values'>,
  ) {
    this.retentionMs = config.values.retentionDays * 86_400_000;
    this.db = webhookDb(db);
    this.webhooks = new WebhooksStore(this.db);
    this.deliveries = new DeliveriesStore(this.db);
  }

  onApplicationBootstrap(): void {
    this.live = this.bus.events$.pipe(filter(isJobDataEvent)).subscribe((e) => {
      const job = e.data as Job;
      if (isFinished(job.status) && finalEventOf(job)) this.track(this.offerLive(job));
    });
    this.timer = setInterval(() => this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.live?.unsubscribe();
    clearInterval(this.timer);
    await Promise.allSettled([this.sweeping, ...this.pending]);
  }

  /** Records the deliveries these ended jobs make (those not recorded yet) and starts them. */
  async offer(jobs: Job[], subscribers?: Subscriber[]): Promise<void> {
    const ended = jobs.filter((j) => finalEventOf(j));
    if (ended.length === 0) return;
    const webhooks = subscribers ?? (await this.webhooks.enabledWithOwnerRole());
    const planned = ended.flatMap((job) => deliveriesFor(job, webhooks));
    for (const row of await this.deliveries.insertNew(planned)) await this.dispatch(row);
  }

  /** A job end heard on the bus: nothing to read when no webhook exists and the job asked for no callback. */
  private async offerLive(job: Job): Promise<void> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > SUBSCRIBERS_TTL_MS) this.cached = { at: now, subscribers: this.webhooks.enabledWithOwnerRole() };
    const subscribers = await this.cached.subscribers.catch((err: unknown) => {
      this.cached = undefined;
      throw err;
    });
    if (subscribers.length === 0 && !callbackUrlOf(job)) return;
    await this.offer([job], subscribers);
  }

  /** Creates the deliver_webhook job of a delivery's attempt series, and names it on the row. */
  async dispatch(row: Pick<DeliveryRow, 'delivery_id' | 'event' | 'webhook_id'>): Promise<Job<'deliver_webhook'>> {
    const job = await this.jobs.create({
      type: 'deliver_webhook',
      title: `Webhook delivery: ${row.event}`,
      input: { delivery_id: row.delivery_id },
      // A system job (no owner): members never see it, and it never counts against a quota.
      metadata: { webhook_id: row.webhook_id },
    });
    // The job may already have claimed the row itself (it started first): then this changes nothing.
    await this.deliveries.claimDispatch(row.delivery_id, job.job_id);
    return job;
  }

  /** One pass of the durable sweep (tests call it to skip the wait). */
  async sweepOnce(now = Date.now()): Promise<void> {
    await this.sweepEnds(new Date(now - SETTLE_MS).toISOString());
    for (const row of await this.deliveries.stranded(new Date(now - STRANDED_MS).toISOString(), PAGE)) {
      if (await this.deliveries.reclaim(row)) await this.dispatch(row);
    }
    if (now - this.prunedAt >= PRUNE_EVERY_MS) {
      this.prunedAt = now;
      await this.deliveries.deleteCreatedBefore(new Date(now - this.retentionMs).toISOString());
    }
  }

  private async sweepEnds(upTo: string): Promise<void> {
    const from = await this.cursor(upTo);
    if (from >= upTo) return;
    const subscribers = await this.webhooks.enabledWithOwnerRole();
    let after: { at: string; id: string } | undefined;
    for (;;) {
      let q = this.db
        .selectFrom('jobs')
        .selectAll()
        .where('finished_at', '>=', from)
        .where('finished_at', '<', upTo)
        .where('type', 'not in', ['deliver_webhook', 'generate_thumbnail'])
        .orderBy('finished_at')
        .orderBy('id')
        .limit(PAGE);
      // Without any webhook, only the ends of jobs that asked for a callback can make a delivery.
      if (subscribers.length === 0) q = q.where('metadata', 'like', `%"${CALLBACK_METADATA_KEY}"%`);
      if (after) {
        const { at, id } = after;
        q = q.where((eb) => eb.or([eb('finished_at', '>', at), eb.and([eb('finished_at', '=', at), eb('id', '>', id)])]));
      }
      const rows = await q.execute();
      await this.offer(rows.map(rowToRecord), subscribers);
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1];
      after = { at: last.finished_at!, id: last.id };
    }
    // Compare-and-set: of concurrent sweeps one moves the cursor; the others' offers were no-ops.
    await this.db.updateTable('webhook_outbox_cursor').set({ position: upTo, updated_at: new Date().toISOString() }).where('name', '=', CURSOR).where('position', '=', from).execute();
  }

  /** Where the sweep resumes; the first start begins at `start` (earlier ends predate every webhook). */
  private async cursor(start: string): Promise<string> {
    await this.db
      .insertInto('webhook_outbox_cursor')
      .values({ name: CURSOR, position: start, updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db.selectFrom('webhook_outbox_cursor').select('position').where('name', '=', CURSOR).executeTakeFirstOrThrow();
    return row.position;
  }

  private sweep(): void {
    if (this.sweeping) return;
    this.sweeping = this.sweepOnce()
      .catch((err: unknown) => this.logger.warn(`Webhook sweep failed (next try in ${SWEEP_MS} ms): ${String(err)}`))
      .finally(() => (this.sweeping = undefined));
  }

  /** A live offer runs beside the event stream; a failure is left to the sweep, which offers the job again. */
  private track(work: Promise<void>): void {
    const tracked = work
      .catch((err: unknown) => this.logger.warn(`Webhook deliveries of a job end not recorded yet (the sweep retries): ${String(err)}`))
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }
}
