import { Subject } from 'rxjs';
import type { Job, JobEvent, JobType } from '@atelier/contracts';
import { migrateToLatest, openSqliteDatabase, type AtelierDb } from '@atelier/persistence';
import { newRecordToRow, rowToRecord, type CreateJobSpec, type JobEventBus, type JobsService } from '@atelier/jobs';
import { uuidv7, type AppConfigValues } from '@atelier/platform';
import { webhookDb } from '../webhook-tables';
import { WebhooksStore } from '../webhooks.store';
import { DeliveriesStore } from './deliveries.store';
import { DeliveryOutbox } from './delivery-outbox';

/** Counts the deliver_webhook jobs the outbox asks for, as JobsService would create them. */
class FakeJobs {
  readonly created: CreateJobSpec[] = [];
  async create(spec: CreateJobSpec): Promise<Job> {
    this.created.push(spec);
    return { job_id: uuidv7() } as Job;
  }
}

describe('DeliveryOutbox (SQLite)', () => {
  let db: AtelierDb;
  let jobs: FakeJobs;
  let outbox: DeliveryOutbox;
  const events = new Subject<JobEvent>();

  beforeEach(async () => {
    db = openSqliteDatabase(':memory:');
    await migrateToLatest(db, 'sqlite');
    jobs = new FakeJobs();
    outbox = new DeliveryOutbox(db, { events$: events } as unknown as JobEventBus, jobs as unknown as JobsService, { values: { retentionDays: 7 } as AppConfigValues });
  });
  afterEach(() => db.destroy());

  const user = async (role: string) => {
    const id = uuidv7();
    const at = new Date(0).toISOString();
    await db.insertInto('users').values({ user_id: id, email: `${id}@t.test`, name: role, role, password_hash: null, oidc_subject: null, disabled: 0, created_at: at, updated_at: at }).execute();
    return id;
  };
  const webhook = async (owner: string, events = ['job.completed', 'job.failed']) => {
    const id = uuidv7();
    const at = new Date(0).toISOString();
    await new WebhooksStore(webhookDb(db)).insert({ webhook_id: id, owner, url: 'https://hooks.example.com/', events: events as never, description: null, enabled: true, secret: 'whsec_AAAA', created_at: at, updated_at: at });
    return id;
  };
  /** A job that ended `ago` ms before now, written straight to the table (as a process that died before publishing it left it). */
  const endedJob = async (owner: string | null, ago: number, type: JobType = 'analyze', metadata: Record<string, unknown> = {}) => {
    const id = uuidv7();
    const at = new Date(Date.now() - ago).toISOString();
    const row = newRecordToRow({ job_id: id, type, title: 't', parent_id: null, child_ids: [], depends_on: [], priority: 0, max_attempts: 3, input: {}, metadata, owner, run_at: null, created_at: at });
    await db.insertInto('jobs').values({ ...row, status: 'completed', finished_at: at }).execute();
    return id;
  };
  const deliveries = () => db.withTables<{ webhook_deliveries: { job_id: string; webhook_id: string; dispatch_job_id: string | null } }>().selectFrom('webhook_deliveries').selectAll().execute();

  it('turns an end that no live process offered into one delivery, from the durable cursor', async () => {
    const admin = await user('admin');
    const hook = await webhook(admin);
    await outbox.sweepOnce(Date.now() - 60_000); // the cursor starts here
    const job = await endedJob(admin, 20_000);
    await Promise.all([outbox.sweepOnce(), outbox.sweepOnce(), outbox.sweepOnce()]);
    await outbox.sweepOnce();
    const rows = await deliveries();
    expect(rows).toMatchObject([{ job_id: job, webhook_id: hook }]);
    expect(jobs.created).toHaveLength(1);
    expect(jobs.created[0]).toMatchObject({ type: 'deliver_webhook', input: { delivery_id: expect.any(String) } });
    expect(jobs.created[0].owner).toBeUndefined();
    expect(rows[0].dispatch_job_id).toEqual(expect.any(String));
  });

  it('creates one delivery however many offers of one end race (live on every node, and the sweep)', async () => {
    const member = await user('member');
    await webhook(member);
    const jobId = await endedJob(member, 0);
    const record = rowToRecord(await db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow());
    await Promise.all(Array.from({ length: 10 }, () => outbox.offer([record])));
    expect(await deliveries()).toHaveLength(1);
    expect(jobs.created).toHaveLength(1);
  });

  it('gives a job to a delivery whose process died before creating it, once', async () => {
    const admin = await user('admin');
    const hook = await webhook(admin);
    const store = new DeliveriesStore(webhookDb(db), () => new Date(Date.now() - 60_000));
    const [row] = await store.insertNew([{ delivery_id: uuidv7(), webhook_id: hook, owner: admin, job_id: 'j', event: 'job.completed', occurred_at: 'x', target_url: null, payload: '{}' }]);
    await Promise.all([outbox.sweepOnce(), outbox.sweepOnce()]);
    expect(jobs.created.map((s) => s.input)).toEqual([{ delivery_id: row.delivery_id }]);
    expect((await deliveries())[0].dispatch_job_id).toEqual(expect.any(String));
  });

  it("delivers to a member's webhook its own jobs only, to an admin's every job, never internal jobs, and a callback to its URL", async () => {
    const [member, other, admin] = [await user('member'), await user('member'), await user('admin')];
    const [mine, all] = [await webhook(member), await webhook(admin)];
    await outbox.sweepOnce(Date.now() - 60_000);
    const own = await endedJob(member, 20_000);
    await endedJob(other, 20_000, 'analyze', { callback_url: 'https://cb.example.com/x' });
    await endedJob(null, 20_000, 'generate_thumbnail');
    await endedJob(null, 20_000, 'deliver_webhook');
    await outbox.sweepOnce();
    const pairs = (await deliveries()).map((d) => `${d.webhook_id === mine ? 'member' : d.webhook_id === all ? 'admin' : d.webhook_id}:${d.job_id === own ? 'own' : 'foreign'}`);
    expect(pairs.sort()).toEqual(['admin:foreign', 'admin:own', 'callback:foreign', 'member:own']);
  });

  it('deletes delivery log rows past the retention', async () => {
    const admin = await user('admin');
    const hook = await webhook(admin);
    const old = new DeliveriesStore(webhookDb(db), () => new Date(Date.now() - 8 * 86_400_000));
    await old.insertNew([{ delivery_id: uuidv7(), webhook_id: hook, owner: admin, job_id: 'old', event: 'job.completed', occurred_at: 'x', target_url: null, payload: '{}' }]);
    await new DeliveriesStore(webhookDb(db)).insertNew([{ delivery_id: uuidv7(), webhook_id: hook, owner: admin, job_id: 'new', event: 'job.completed', occurred_at: 'y', target_url: null, payload: '{}' }]);
    await outbox.sweepOnce();
    expect((await deliveries()).map((d) => d.job_id)).toEqual(['new']);
  });

  it('without any webhook, the sweep still calls back the jobs that asked for it', async () => {
    const member = await user('member');
    await outbox.sweepOnce(Date.now() - 60_000);
    const asked = await endedJob(member, 20_000, 'analyze', { callback_url: 'https://cb.example.com/x', file_name: 'a.png' });
    await endedJob(member, 20_000, 'analyze', { file_name: 'b.png' });
    await outbox.sweepOnce();
    expect((await deliveries()).map((d) => [d.webhook_id, d.job_id])).toEqual([['callback', asked]]);
  });
});
