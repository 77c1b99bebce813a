import { createServer, get, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { Registry } from 'prom-client';
import { parseConfig } from '@atelier/platform';
import { MemoryEventBus } from '@atelier/jobs';
import { FLUSH_GAP_MS, JobEventBroadcaster } from './job-event-broadcaster';
import { StreamMetrics } from './stream-metrics';
import { JobStreamService } from './job-stream.service';
import { FakeJobStore } from './testing/fake-job-store';
import { aJob } from './testing/jobs';

/** Streams over real sockets: what the kernel and Node's HTTP layer do with the broadcaster's writes. */
describe('job streams over HTTP', () => {
  let bus: MemoryEventBus;
  let broadcaster: JobEventBroadcaster;
  let server: Server;
  let port: number;
  const sockets: Socket[] = [];

  beforeEach(async () => {
    bus = new MemoryEventBus(1000);
    broadcaster = new JobEventBroadcaster(bus, parseConfig({}), new StreamMetrics(new Registry()));
    broadcaster.onModuleInit();
    const streams = new JobStreamService(bus, new FakeJobStore().store, broadcaster, parseConfig({}));
    server = createServer((_req, res) => void streams.open(res, {}));
    server.on('connection', (s) => sockets.push(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    broadcaster.onModuleDestroy();
    sockets.splice(0).forEach((s) => s.destroy());
    await new Promise((resolve) => server.close(resolve));
  });

  it('writes batches that a real HTTP client parses back into every event, in order', async () => {
    const ids: string[] = [];
    const expected = 5;
    let allIn!: () => void;
    const done = new Promise<void>((resolve) => (allIn = resolve));
    await new Promise<void>((resolve) =>
      get(`http://127.0.0.1:${port}/`, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => {
          text += d;
          for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
            const id = /^id: (.*)$/m.exec(text.slice(0, end))?.[1];
            if (id && !text.slice(0, end).includes('event: snapshot')) ids.push(id);
            text = text.slice(end + 2);
          }
          if (ids.length === expected) allIn();
        });
        resolve();
      }),
    );
    while (broadcaster.size < 1) await new Promise((r) => setImmediate(r));
    const first = BigInt(bus.currentCursor()) + 1n;
    for (let i = 0; i < 3; i++) await bus.publish({ event: 'job.updated', data: aJob({ job_id: `j${i}` }) });
    await new Promise((r) => setTimeout(r, FLUSH_GAP_MS + 1));
    for (let i = 3; i < 5; i++) await bus.publish({ event: 'job.updated', data: aJob({ job_id: `j${i}` }) });
    await done;

    expect(ids).toEqual([0n, 1n, 2n, 3n, 4n].map((n) => String(first + n)));
  });

  it('drops a client that stops reading once 4 MB wait for it, and keeps serving one that reads', async () => {
    let readerClosed = false;
    await new Promise<void>((resolve) =>
      get(`http://127.0.0.1:${port}/`, (res) => {
        res.on('data', () => undefined).on('close', () => (readerClosed = true));
        resolve();
      }),
    );
    const stalled = connect(port, '127.0.0.1');
    sockets.push(stalled);
    stalled.write('GET / HTTP/1.1\r\nHost: test\r\n\r\n');
    stalled.pause();
    while (broadcaster.size < 2) await new Promise((r) => setImmediate(r));

    // 256 kB events, one flush apart, until the server gives up on the stalled client (or far past 4 MB).
    const big = 'x'.repeat(256 * 1024);
    let published = 0;
    while (broadcaster.size > 1 && published < 200) {
      await bus.publish({ event: 'job.updated', data: aJob({ step_label: big }) });
      published++;
      await new Promise((r) => setTimeout(r, FLUSH_GAP_MS + 1));
    }

    // The kernel's buffers take a few MB before Node's own buffer starts to fill.
    expect(published).toBeGreaterThan(16);
    expect(broadcaster.size).toBe(1);
    expect(readerClosed).toBe(false);
  }, 30_000);
});
