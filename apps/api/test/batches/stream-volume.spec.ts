/**
 * "A batch of 500 images is accepted in one request and streams no more events than the console
 * can draw" (#13), over real HTTP: one POST of 500 images, the console's stream (no filter) and a
 * stream following the batch (job_id) measured while it runs.
 */
import { isFinished, type Job } from '@atelier/contracts';
import { BUSY_FLUSH_GAP_MS } from '@atelier/streaming';
import { startAnalyzerApp, type AnalyzerTestApp } from '../analyzers/support/analyzer-app';
import { authHeaders, loginAsAdmin } from '../support/auth';
import { distinctImages, postBatch } from './batch-support';
import { StreamMeter, type MeteredEvent } from './stream-meter';

const IMAGES = 500;
/** What the console's task manager is sent at most per second while the batch runs (its cards redraw per animation frame). */
const MAX_EVENTS_PER_SECOND = 400;

describe('the job stream during a batch of 500 images', () => {
  let t: AnalyzerTestApp;
  let url: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    // The default quota (500): a batch of 500 images fits it, as its own job is not counted.
    t = await startAnalyzerApp({ JOB_QUOTA_PER_USER: '500', WORKER_CONCURRENCY: '8' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    auth = authHeaders(await loginAsAdmin(url));
  });
  afterAll(() => t.close());

  const finalIds = (events: MeteredEvent[]) => new Set(events.filter((e) => e.job && isFinished(e.job.status)).map((e) => (e.job as Job).job_id));

  it('is accepted in one request; the console is sent every final state and each child at most twice, paced', async () => {
    const panel = await StreamMeter.open(`${url}/api/jobs/stream`, auth);
    await panel.until((e) => e.length > 0, 5000, 'the snapshot');
    const started = performance.now();
    const res = await postBatch(t, await distinctImages(IMAGES), { analyzers: 'hair-color' }).expect(202);
    const batch = res.body.job as Job<'batch'>;
    expect(batch.child_ids).toHaveLength(IMAGES);
    const following = await StreamMeter.open(`${url}/api/jobs/stream?job_id=${batch.job_id}`, auth);

    await panel.until((events) => finalIds(events).has(batch.job_id), 240_000, 'the batch to end');
    const seconds = (performance.now() - started) / 1000;
    await following.until((events) => finalIds(events).has(batch.job_id), 10_000, 'the batch to end on the following stream');
    panel.stop();
    following.stop();
    expect((await t.http.get(`/api/jobs/${batch.job_id}`)).body).toMatchObject({ status: 'completed', title: `Batch (${IMAGES}/${IMAGES})` });

    const ofBatch = (e: MeteredEvent) => e.job !== undefined && (e.job.job_id === batch.job_id || e.job.parent_id === batch.job_id);
    const panelEvents = panel.events.filter(ofBatch);
    const stats = { seconds, panel: panelEvents.length, bytes: panel.bytes, peakPerSecond: panel.peakPerSecond(), following: following.events.length };
    console.log(`500-image batch: ${JSON.stringify(stats)}`);

    // Every final state arrives, on both streams.
    for (const id of [batch.job_id, ...batch.child_ids]) {
      expect(finalIds(panelEvents).has(id)).toBe(true);
      expect(finalIds(following.events).has(id)).toBe(true);
    }
    // The console: each child at most twice (it started, it ended: no created, no steps), the batch's
    // own state at most once per busy flush window, and never more than it can draw in one second.
    expect(panelEvents.filter((e) => e.event === 'job.created' && e.job?.parent_id === batch.job_id)).toHaveLength(0);
    const batchStates = panelEvents.filter((e) => e.job?.job_id === batch.job_id).length;
    expect(panelEvents.length - batchStates).toBeLessThanOrEqual(2 * IMAGES);
    expect(batchStates).toBeLessThanOrEqual(Math.ceil((seconds * 1000) / BUSY_FLUSH_GAP_MS) + 5);
    expect(panel.peakPerSecond()).toBeLessThanOrEqual(MAX_EVENTS_PER_SECOND);
    // The stream following the batch has its children's steps too, each job's latest per flush window.
    expect(following.events.length).toBeGreaterThan(panelEvents.length);
  }, 300_000);
});
