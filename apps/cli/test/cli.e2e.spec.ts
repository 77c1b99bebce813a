/**
 * The built CLI (dist/cli) against the built server (dist/server), both as child processes, over real HTTP:
 * login, analyze --follow --json, failures and their exit codes, jobs, presets, webhooks.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
// The API tests' harness starts the built server with its admin and a temporary data folder; reused, not copied (test code only).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AccessServer, type Caller, uniquePng, until } from '../../api/test/access/access-harness';
import type { Job } from '@atelier/contracts';
import { ExitCode } from '../src/exit-codes';
import { RunningCli, runBuilt } from './built-cli';
import { temporaryHome } from './temporary-home';

jest.setTimeout(120_000);

const presetOf = (job: Job) => (job.result as { preset_id?: string } | null)?.preset_id;

describe('atelier (built) against the built server', () => {
  let server: AccessServer;
  let admin: Caller;
  let apiKey: string;
  let home: ReturnType<typeof temporaryHome>;

  beforeAll(async () => {
    server = await AccessServer.start({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
    admin = await server.admin();
    apiKey = (await admin.createKey({ name: 'cli e2e' })).key.key;
  });
  afterAll(() => server?.stop());
  beforeEach(() => {
    home = temporaryHome();
  });
  afterEach(() => home.cleanup());

  /** The CLI with the key in the environment, as a script would run it. */
  const atelier = (...args: string[]) => runBuilt(args, { home: home.dir, env: { ATELIER_URL: server.url, ATELIER_API_KEY: apiKey } });

  async function imageFile(name = 'portrait.png'): Promise<string> {
    const path = join(home.dir, name);
    writeFileSync(path, await uniquePng());
    return path;
  }

  it('logs in with a real key read from stdin, writes the config file 0600, and whoami reads it', async () => {
    const login = await runBuilt(['login', '--url', server.url], { home: home.dir, stdin: `${apiKey}\n` });
    expect(login.stderr).toBe('');
    expect(login.code).toBe(ExitCode.Ok);
    const path = join(home.dir, '.config/atelier/config.json');
    expect(login.stdout).toContain(`Signed in to ${server.url} as admin@atelier.test (admin). Saved in ${path}.`);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ url: server.url, api_key: apiKey });
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const whoami = await runBuilt(['whoami', '--json'], { home: home.dir });
    expect(JSON.parse(whoami.stdout)).toMatchObject({ url: server.url, key_from: 'config file', user: { email: 'admin@atelier.test', role: 'admin' } });

    const logout = await runBuilt(['logout'], { home: home.dir });
    expect(logout.stdout).toBe(`Removed ${path}.\n`);
    expect((await runBuilt(['whoami'], { home: home.dir })).code).toBe(ExitCode.Auth);
  });

  it('refuses a wrong key at login and writes nothing', async () => {
    const login = await runBuilt(['login', '--url', server.url, '--api-key', 'atelier_not_a_key'], { home: home.dir });
    expect(login.code).toBe(ExitCode.Auth);
    expect(login.stderr).toContain(`${server.url} refused this API key`);
    expect(() => statSync(join(home.dir, '.config/atelier/config.json'))).toThrow();
  });

  it('analyze <file> --analyzer hair-color --follow --json: NDJSON events, then the preset; exit 0', async () => {
    const file = await imageFile();
    const { code, stdout, stderr } = await atelier('analyze', file, '--analyzer', 'hair-color', '--follow', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(ExitCode.Ok);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ event: 'snapshot', data: { jobs: [{ type: 'analyze' }] } });
    const jobId = lines[0].data.jobs[0].job_id;
    const summary = lines[lines.length - 1];
    expect(summary).toMatchObject({
      event: 'summary',
      data: { jobs: [{ label: file, job_id: jobId, status: 'completed', presets: [{ preset_id: expect.any(String), name: expect.any(String), category: 'hair-color' }] }] },
    });
    // Every line between is an event of that job.
    for (const line of lines.slice(1, -1)) expect(line).toMatchObject({ event: expect.stringMatching(/^job\./), data: { job_id: jobId } });

    const job = await admin.job(jobId);
    expect(presetOf(job)).toBe(summary.data.jobs[0].presets[0].preset_id);
    expect(job.metadata['file_name']).toBe('portrait.png');
  });

  it('runs several analyzers on each file as a comprehensive analysis, and prints a table of presets', async () => {
    const files = [await imageFile('a.png'), await imageFile('b.png')];
    const { code, stdout } = await atelier('analyze', ...files, '-a', 'makeup,hair-color', '--follow');
    expect(code).toBe(ExitCode.Ok);
    expect(stdout).toMatch(/FILE +JOB +STATUS +PRESETS/);
    for (const file of files) expect(stdout).toMatch(new RegExp(`${file} +\\S+ +completed +\\S+ .+ \\((makeup|hair-color)\\), \\S+ .+ \\((makeup|hair-color)\\)`));
  });

  it('an unknown analyzer exits 4 with the server\'s message, and creates no job', async () => {
    const before = await admin.jobIds();
    const { code, stdout, stderr } = await atelier('analyze', await imageFile(), '--analyzer', 'no-such-analyzer', '--follow');
    expect(code).toBe(ExitCode.NotFound);
    expect(stdout).toBe('');
    expect(stderr).toContain('Not Found: No analyzer named "no-such-analyzer"');
    expect(await admin.jobIds()).toEqual(before);
  });

  it('a file that is not an image exits 6 with the reason', async () => {
    const path = join(home.dir, 'notes.png');
    writeFileSync(path, 'not an image');
    const { code, stderr } = await atelier('analyze', path, '-a', 'makeup');
    expect(code).toBe(ExitCode.Rejected);
    expect(stderr).toContain('is not a JPEG, PNG, WebP or GIF image');
  });

  it('a followed job that is cancelled exits 1, naming it; jobs cancel and jobs get say so too', async () => {
    expect((await admin.post('/api/queues/analyze/pause')).status).toBe(200);
    try {
      const follow = new RunningCli(['analyze', await imageFile(), '-a', 'hair-color', '--follow', '--json'], { home: home.dir, env: { ATELIER_URL: server.url, ATELIER_API_KEY: apiKey } });
      const snapshot = await until('the snapshot line', async () => (follow.stdout.includes('\n') ? JSON.parse(follow.stdout.split('\n')[0]) : undefined));
      const jobId: string = snapshot.data.jobs[0].job_id;

      const cancelled = await atelier('jobs', 'cancel', jobId, '--json');
      expect(cancelled.code).toBe(ExitCode.Ok);
      expect(JSON.parse(cancelled.stdout)).toMatchObject({ job_id: jobId, status: 'cancelled' });

      const ended = await follow.ended;
      expect(ended.code).toBe(ExitCode.JobFailed);
      expect(ended.stderr).toContain('1 of 1 job did not complete.');
      expect(ended.stderr).toContain('cancelled');
      expect(ended.stdout.trim().split('\n').pop()).toContain('"status":"cancelled"');

      const again = await atelier('jobs', 'cancel', jobId);
      expect(again.code).toBe(ExitCode.Rejected);
      expect(again.stderr).toContain('Conflict:');
      expect((await atelier('jobs', 'get', jobId)).stdout).toMatch(/Status: +cancelled/);
    } finally {
      await admin.post('/api/queues/analyze/resume');
    }
  });

  it('jobs ls --json is one JSON document with the jobs; jobs get of an unknown id exits 4', async () => {
    const job = await admin.submit();
    await admin.waitForJob(job.job_id);
    const { code, stdout } = await atelier('jobs', 'ls', '--status', 'completed', '--limit', '200', '--json');
    expect(code).toBe(ExitCode.Ok);
    const page = JSON.parse(stdout);
    expect(page.jobs.map((j: { job_id: string }) => j.job_id)).toContain(job.job_id);
    expect(page.jobs.every((j: { status: string }) => j.status === 'completed')).toBe(true);

    const unknown = await atelier('jobs', 'get', '01a00000-0000-7000-8000-000000000000');
    expect(unknown.code).toBe(ExitCode.NotFound);
    expect(unknown.stderr).toContain('Not Found');
  });

  it('presets export writes the preset as JSON to stdout or to a file', async () => {
    const job = await admin.waitForJob((await admin.submit()).job_id);
    const presetId = presetOf(job)!;
    const toStdout = await atelier('presets', 'export', presetId, '--format', 'json');
    expect(toStdout.code).toBe(ExitCode.Ok);
    const exported = JSON.parse(toStdout.stdout);
    expect(exported).toMatchObject({ preset_id: presetId, category: 'hair-color', data: expect.any(Object) });

    const path = join(home.dir, 'preset.json');
    const toFile = await atelier('presets', 'export', presetId, '-o', path);
    expect(toFile.code).toBe(ExitCode.Ok);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(exported);

    const listed = await atelier('presets', 'ls', '--category', 'hair-color', '--json');
    expect(JSON.parse(listed.stdout).presets.map((p: { preset_id: string }) => p.preset_id)).toContain(presetId);
  });

  describe('batch', () => {
    function shoot(names: string[]): Promise<string> {
      const dir = join(home.dir, 'shoot');
      mkdirSync(dir, { recursive: true });
      return Promise.all(names.map(async (name) => writeFileSync(join(dir, name), name.startsWith('broken') ? 'not an image' : await uniquePng()))).then(() => dir);
    }

    it('sends the folder as one batch and follows it: a row per image with its presets, exit 0', async () => {
      const dir = await shoot(['one.png', 'two.png', 'three.png']);
      const { code, stdout, stderr } = await atelier('batch', dir, '--analyzer', 'hair-color', '--follow', '--json');
      expect(stderr).toBe('');
      expect(code).toBe(ExitCode.Ok);
      const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
      expect(lines[0]).toMatchObject({ event: 'snapshot', data: { jobs: [{ type: 'batch' }] } });
      const summary = lines[lines.length - 1];
      expect(summary.event).toBe('summary');
      expect(summary.data.jobs.map((j: { label: string }) => j.label).sort()).toEqual(['one.png', 'three.png', 'two.png']);
      for (const job of summary.data.jobs) expect(job).toMatchObject({ status: 'completed', presets: [{ category: 'hair-color' }] });
    });

    it('a bad file refuses the whole batch, naming it (exit 6), and creates nothing', async () => {
      const dir = await shoot(['good.png', 'broken.png']);
      const before = await admin.jobIds();
      const { code, stderr } = await atelier('batch', dir, '-a', 'makeup');
      expect(code).toBe(ExitCode.Rejected);
      expect(stderr).toContain('broken.png');
      expect(await admin.jobIds()).toEqual(before);
    });
  });

  describe('webhooks', () => {
    let receiver: Server;
    let receiverUrl: string;
    const deliveries: { headers: IncomingHttpHeaders; body: { type: string; data: { job_id: string } } }[] = [];
    beforeAll(async () => {
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          deliveries.push({ headers: req.headers, body: JSON.parse(body) });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/atelier`;
    });
    afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

    it('adds one (secret shown once), lists it and removes it', async () => {
      const added = await atelier('webhooks', 'add', receiverUrl, '--events', 'job.completed,job.failed', '--description', 'cli e2e', '--json');
      expect(added.code).toBe(ExitCode.Ok);
      const webhook = JSON.parse(added.stdout);
      expect(webhook).toMatchObject({ url: receiverUrl, events: ['job.completed', 'job.failed'], secret: expect.stringMatching(/^whsec_/) });
      expect(added.stderr).toContain('shown only this once');

      const listed = await atelier('webhooks', 'ls');
      expect(listed.stdout).toContain(`${webhook.webhook_id}  ${receiverUrl}  job.completed,job.failed  cli e2e`);
      expect(listed.stdout).not.toContain(webhook.secret);

      expect((await atelier('webhooks', 'rm', webhook.webhook_id)).code).toBe(ExitCode.Ok);
      expect((await atelier('webhooks', 'rm', webhook.webhook_id)).code).toBe(ExitCode.NotFound);
    });

    it('analyze --callback-url: the job\'s final event is delivered there, signed', async () => {
      const { code, stdout } = await atelier('analyze', await imageFile(), '-a', 'hair-color', '--callback-url', `${receiverUrl}?run=callback`, '--follow', '--json');
      expect(code).toBe(ExitCode.Ok);
      const jobId = JSON.parse(stdout.trim().split('\n').pop()!).data.jobs[0].job_id;
      const delivery = await until('the callback delivery', async () => deliveries.find((d) => d.body.data?.job_id === jobId));
      expect(delivery.body.type).toBe('job.completed');
      expect(delivery.headers['webhook-signature']).toMatch(/^v1,/);
    });

    it('an event the server does not know exits 6 with its field message', async () => {
      const { code, stderr } = await atelier('webhooks', 'add', receiverUrl, '--events', 'job.exploded');
      expect(code).toBe(ExitCode.Rejected);
      expect(stderr).toMatch(/error: .+/);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  });
});
