/**
 * Idempotency-Key on the job-creating routes (embedded, SQLite), over real HTTP against the built
 * server: replays byte for byte (async and waiting requests), the 422 on another request, one job
 * from 20 concurrent requests, keys per user, 400 on a bad key, expiry and release on a 5xx.
 */
import type { Preset } from '@atelier/contracts';
import { expectProblem, expectStatus, send, sleep, useAccessServer, type Caller } from '../access/access-harness';
import { analysisJobs, analyzeWithKey, expectReplayOf, newKey, uniquePng } from './idempotency-harness';

jest.setTimeout(120_000);

describe('idempotency (embedded)', () => {
  const suite = useAccessServer();
  let member: Caller;
  beforeEach(async () => {
    member = await suite.admin.createUser('member');
  });

  it('replays the first 202 byte for byte, with its Location, and creates nothing more', async () => {
    const key = newKey();
    const image = await uniquePng();
    const first = await analyzeWithKey(member, key, { image });
    expectStatus(first, 202);
    expect(first.headers['location']).toBe(`/api/jobs/${first.body.job_id}`);
    const replay = await analyzeWithKey(member, key, { image });
    expectReplayOf(replay, first);
    expect(await analysisJobs(member)).toEqual([first.body.job_id]);
  });

  it('replays a waiting (async_mode=false) analysis: the same result, preset and job, no new job', async () => {
    const key = newKey();
    const image = await uniquePng();
    const first = await analyzeWithKey(member, key, { image, query: '' });
    expectStatus(first, 200);
    expect(first.body.preset.preset_id).toEqual(expect.any(String));
    const replay = await analyzeWithKey(member, key, { image, query: '' });
    expectReplayOf(replay, first);
    expect(await analysisJobs(member)).toEqual([first.body.job_id]);
    const presets = (await member.get('/api/presets')).body.presets as Preset[];
    expect(presets.map((p) => p.preset_id)).toEqual([first.body.preset.preset_id]);
  });

  it('answers 422 idempotency_mismatch when the key comes with another file, field, query or route', async () => {
    const key = newKey();
    const image = await uniquePng();
    const first = await analyzeWithKey(member, key, { image, fields: { preset_name: 'Spring' } });
    expectStatus(first, 202);
    expectProblem(await analyzeWithKey(member, key, { image: await uniquePng(), fields: { preset_name: 'Spring' } }), 422, 'idempotency_mismatch');
    expectProblem(await analyzeWithKey(member, key, { image, fields: { preset_name: 'Autumn' } }), 422, 'idempotency_mismatch');
    expectProblem(await analyzeWithKey(member, key, { image, fields: { preset_name: 'Spring' }, query: '' }), 422, 'idempotency_mismatch');
    expectProblem(await analyzeWithKey(member, key, { image, fields: { preset_name: 'Spring' }, analyzer: 'makeup' }), 422, 'idempotency_mismatch');
    expect(await analysisJobs(member)).toEqual([first.body.job_id]);
    // The first request still replays.
    expectReplayOf(await analyzeWithKey(member, key, { image, fields: { preset_name: 'Spring' } }), first);
  });

  it('20 concurrent requests with one key create one job and all get its answer', async () => {
    const key = newKey();
    const image = await uniquePng();
    const answers = await Promise.all(Array.from({ length: 20 }, () => analyzeWithKey(member, key, { image })));
    for (const a of answers) expectStatus(a, 202);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(await analysisJobs(member)).toEqual([answers[0].body.job_id]);
  });

  it('20 concurrent waiting requests with one key create one comprehensive analysis', async () => {
    const key = newKey();
    const image = await uniquePng();
    const request = { image, analyzer: 'comprehensive', query: '', fields: { analyzers: 'hair-color,makeup' } };
    const answers = await Promise.all(Array.from({ length: 20 }, () => analyzeWithKey(member, key, request)));
    for (const a of answers) expectStatus(a, 200);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect((await member.jobIds('&type=comprehensive_analyze'))).toEqual([answers[0].body.job_id]);
    expect(await member.jobIds('&type=analyze')).toHaveLength(2);
  });

  it('keys belong to one user: the same key from another user is another request', async () => {
    const other = await suite.admin.createUser('member');
    const key = newKey();
    const image = await uniquePng();
    const mine = await analyzeWithKey(member, key, { image });
    const theirs = await analyzeWithKey(other, key, { image });
    expectStatus(mine, 202);
    expectStatus(theirs, 202);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.job_id).not.toBe(mine.body.job_id);
    expect(await analysisJobs(other)).toEqual([theirs.body.job_id]);
    // Through an API key, the same user is the same principal.
    const { caller: viaKey } = await member.createKey({ name: 'retrying integration' });
    expectReplayOf(await analyzeWithKey(viaKey, key, { image }), mine);
  });

  it('stores a 4xx answer and replays it', async () => {
    const key = newKey();
    const image = await uniquePng();
    const first = await analyzeWithKey(member, key, { image, analyzer: 'no-such-analyzer' });
    expectProblem(first, 404);
    expectReplayOf(await analyzeWithKey(member, key, { image, analyzer: 'no-such-analyzer' }), first);
  });

  it('answers 400 naming the header for an empty, too long or unprintable key, and creates nothing', async () => {
    const image = await uniquePng();
    for (const bad of ['', 'k'.repeat(256), 'tab\there']) {
      const answer = await analyzeWithKey(member, bad, { image });
      expectProblem(answer, 400);
      expect(answer.body.detail).toMatch(/Idempotency-Key/);
      expect(answer.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    }
    expect(await analysisJobs(member)).toEqual([]);
    expectStatus(await analyzeWithKey(member, 'k'.repeat(255), { image }), 202);
  });

  it('without the header every request creates its job', async () => {
    const image = await uniquePng();
    const one = await analyzeWithKey(member, undefined, { image });
    const two = await analyzeWithKey(member, undefined, { image });
    expect(one.body.job_id).not.toBe(two.body.job_id);
    expect(two.headers['idempotent-replayed']).toBeUndefined();
  });

  it('covers POST /api/presets/{id}/generate (a JSON body)', async () => {
    const analysis = await analyzeWithKey(member, undefined, { image: await uniquePng(), query: '' });
    expectStatus(analysis, 200);
    const path = `/api/presets/${analysis.body.preset.preset_id}/generate`;
    const key = newKey();
    const headers = { 'idempotency-key': key };
    const first = await member.post(path, { prompt: 'a watercolour' }, { headers });
    expectStatus(first, 202);
    expectReplayOf(await member.call('POST', path, { body: '{ "prompt" : "a watercolour" }', contentType: 'application/json', headers }), first);
    expectProblem(await member.post(path, { prompt: 'an oil painting' }, { headers }), 422, 'idempotency_mismatch');
    expect(await member.jobIds('&type=generate_image')).toEqual([first.body.job_id]);
  });
});

describe('idempotency: expiry, and a 5xx releases the key', () => {
  // Keys live 1.5 s; a waiting request answers 504 after 100 ms while the analysis takes 1.5 s.
  const suite = useAccessServer({ IDEMPOTENCY_TTL_MS: '1500', SYNC_WAIT_TIMEOUT_MS: '100', OFFLINE_LATENCY_MS: '1500' });

  it('after IDEMPOTENCY_TTL_MS the key is forgotten: the request runs again', async () => {
    const member = await suite.admin.createUser('member');
    const key = newKey();
    const image = await uniquePng();
    const first = await analyzeWithKey(member, key, { image });
    expectStatus(first, 202);
    expectReplayOf(await analyzeWithKey(member, key, { image }), first);
    await sleep(1600);
    const later = await analyzeWithKey(member, key, { image });
    expectStatus(later, 202);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.body.job_id).not.toBe(first.body.job_id);
    expect((await analysisJobs(member)).sort()).toEqual([first.body.job_id, later.body.job_id].sort());
  });

  it('a 504 is not stored: the same key runs the request again', async () => {
    const member = await suite.admin.createUser('member');
    const key = newKey();
    const image = await uniquePng();
    const first = await analyzeWithKey(member, key, { image, query: '' });
    expectProblem(first, 504);
    const retry = await analyzeWithKey(member, key, { image, query: '' });
    expectProblem(retry, 504);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await analysisJobs(member)).toHaveLength(2);
  });

  it('the header is checked on every job-creating route, and nowhere else', async () => {
    const member = await suite.admin.createUser('member');
    const bad = { 'idempotency-key': '' };
    const refused = await member.post('/api/presets/00000000-0000-7000-8000-000000000000/generate', {}, { headers: bad });
    expectProblem(refused, 400);
    expect(refused.body.detail).toMatch(/^Idempotency-Key/);
    // A read ignores it.
    expectStatus(await send(`${suite.server.url}/api/analyzers`, { headers: { ...member.headers(), ...bad } }), 200);
  });
});
