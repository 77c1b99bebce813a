import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfig, runHealthChecks } from '@atelier/platform';
import { JobDispatcher, JobStore } from '@atelier/jobs';
import { QueueConnection } from '@atelier/distributed';

/**
 * The worker's liveness endpoint on WORKER_HEALTH_PORT (0 disables it): `GET /health` answers
 * 200 `{ status: "ok", running, checks }` when the database and the queue answer, 503 otherwise.
 */
@Injectable()
export class WorkerLiveness implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerLiveness');
  private server?: Server;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly store: JobStore,
    private readonly dispatcher: JobDispatcher,
    private readonly queue: QueueConnection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.values.workerHealthPort;
    if (!port) return;
    this.server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/health') {
        res.writeHead(404).end();
        return;
      }
      void this.report().then(({ ok, body }) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, this.config.values.host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    this.logger.log(`Liveness at http://${address.address}:${address.port}/health`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async report(): Promise<{ ok: boolean; body: unknown }> {
    const { ok, checks } = await runHealthChecks([{ name: 'database', check: () => this.store.ping() }, ...this.queue.healthChecks()]);
    return { ok, body: { status: ok ? 'ok' : 'error', running: this.dispatcher.runningCount(), checks } };
  }
}
