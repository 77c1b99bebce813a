import { Injectable, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEALTH_CHECKS, parseConfig, PlatformModule, type AppConfig } from '@atelier/platform';
import { PersistenceModule } from '@atelier/persistence';
import { JobEngine, JobsModule, JobHandlerFor, type JobContext, type JobOutcome } from '@atelier/jobs';
import { BehaviourBook, FakeAnalyzeHandler, FakeComprehensiveHandler } from '@atelier/jobs/testing';
import { StreamingModule } from '@atelier/streaming';
import { createApp } from '../../src/app/create-app';
import { HealthController } from '../../src/app/health.controller';

/** The jobs API with fake handlers whose behaviour each test defines (no images, no models). */
export const book = new BehaviourBook();

@Injectable()
@JobHandlerFor('analyze')
class TestAnalyzeHandler extends FakeAnalyzeHandler {
  constructor() {
    super(book);
  }
}

@Injectable()
@JobHandlerFor('comprehensive_analyze')
class TestComprehensiveHandler extends FakeComprehensiveHandler {}

@Injectable()
@JobHandlerFor('generate_image')
class TestImageHandler {
  readonly type = 'generate_image' as const;
  async run(ctx: JobContext<'generate_image'>): Promise<JobOutcome<'generate_image'>> {
    return { result: { image_id: 'none', preset_id: ctx.job.input.preset_id, provider: 'test', model: 'test' } };
  }
}

@Injectable()
@JobHandlerFor('generate_thumbnail')
class TestThumbnailHandler {
  readonly type = 'generate_thumbnail' as const;
  async run(ctx: JobContext<'generate_thumbnail'>): Promise<JobOutcome<'generate_thumbnail'>> {
    return { result: { image_id: ctx.job.input.image_id, thumbnail_bytes: 0 } };
  }
}

@Injectable()
@JobHandlerFor('deliver_webhook')
class TestDeliverWebhookHandler {
  readonly type = 'deliver_webhook' as const;
  async run(ctx: JobContext<'deliver_webhook'>): Promise<JobOutcome<'deliver_webhook'>> {
    return { result: { delivery_id: ctx.job.input.delivery_id, outcome: 'skipped', response_code: null, latency_ms: null } };
  }
}

@Module({})
class TestAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: TestAppModule,
      imports: [PlatformModule.forRoot(config), PersistenceModule, StreamingModule, JobsModule.forRoot()],
      controllers: [HealthController],
      providers: [{ provide: HEALTH_CHECKS, useValue: [] }, TestAnalyzeHandler, TestComprehensiveHandler, TestImageHandler, TestThumbnailHandler, TestDeliverWebhookHandler],
    };
  }
}

export interface TestApp {
  app: INestApplication;
  engine: JobEngine;
  url: string;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-api-'));
  const config = parseConfig({ DATA_DIR: dir, CONSOLE_DIR: '', JOB_RETRY_BASE_DELAY_MS: '10', ...env });
  const app = await createApp(config, { rootModule: TestAppModule.forRoot(config) });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    engine: app.get(JobEngine),
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
