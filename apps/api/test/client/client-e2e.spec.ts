import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN, AccessServer, uniquePng } from '../access/access-harness';
import { analyzeAndFollow, createApiKey } from './usage/analyze-and-follow';

jest.setTimeout(90_000);

const ROOT = join(__dirname, '../../../..');

describe('@atelier/client against the built server', () => {
  let server: AccessServer;
  beforeAll(async () => {
    server = await AccessServer.start();
  });
  afterAll(() => server?.stop());

  it('compiles in a strict project of its own', async () => {
    // tsc exits non-zero with the errors on stdout when the usage file or the generated types do not compile.
    await expect(promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(__dirname, 'usage/tsconfig.json')], { cwd: ROOT })).resolves.toBeDefined();
  }, 120_000);

  it('makes an API key, analyses an image, follows the job to its end and reads its preset', async () => {
    const apiKey = await createApiKey(server.url, ADMIN.email, ADMIN.password);
    expect(apiKey).toMatch(/^atelier_/);

    const { accepted, events, job, preset } = await analyzeAndFollow(server.url, apiKey, new Blob([new Uint8Array(await uniquePng())], { type: 'image/png' }));

    expect(accepted).toMatchObject({ status: 'queued', job: { job_id: accepted.job_id, type: 'analyze' } });
    expect(events[0].event).toBe('snapshot');
    const last = events[events.length - 1];
    expect(last).toMatchObject({ event: 'job.completed', data: { job_id: accepted.job_id, status: 'completed', progress: 1 } });
    // Event ids only increase.
    const ids = events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(job).toMatchObject({ status: 'completed' });
    expect(preset).toMatchObject({ preset_id: job.result?.['preset_id'], category: 'hair-color', job_id: accepted.job_id });
  }, 60_000);
});
