/** Handlers for engine tests: what an `analyze` job does is chosen by its `input.analyzer` name. */
import type { AnalyzeResult, ComprehensiveAnalyzeResult, Job, JobType } from '@atelier/contracts';
import type { JobContext, JobHandler, JobOutcome } from '../lib/handlers/job-handler';
import { BatchJobHandler } from '../lib/handlers/batch-job.handler';

export type Behaviour = (ctx: JobContext<'analyze'>) => Promise<Record<string, unknown>>;

export class BehaviourBook {
  private readonly behaviours = new Map<string, Behaviour>();
  /** Jobs whose handler started, in order (each attempt). */
  readonly started: string[] = [];
  /** Handlers running right now. */
  running = 0;
  maxRunning = 0;
  readonly maxRunningByAnalyzer = new Map<string, number>();
  private readonly runningByAnalyzer = new Map<string, number>();

  define(name: string, behaviour: Behaviour): void {
    this.behaviours.set(name, behaviour);
  }

  async run(ctx: JobContext<'analyze'>): Promise<Record<string, unknown>> {
    const name = ctx.job.input.analyzer;
    const behaviour = this.behaviours.get(name) ?? (async () => ({ ok: true }));
    this.started.push(ctx.job.job_id);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    const n = (this.runningByAnalyzer.get(name) ?? 0) + 1;
    this.runningByAnalyzer.set(name, n);
    this.maxRunningByAnalyzer.set(name, Math.max(this.maxRunningByAnalyzer.get(name) ?? 0, n));
    try {
      return await behaviour(ctx);
    } finally {
      this.running--;
      this.runningByAnalyzer.set(name, (this.runningByAnalyzer.get(name) ?? 1) - 1);
    }
  }
}

export class FakeAnalyzeHandler implements JobHandler<'analyze'> {
  readonly type = 'analyze' as const;
  constructor(private readonly book: BehaviourBook) {}
  async run(ctx: JobContext<'analyze'>): Promise<JobOutcome<'analyze'>> {
    const data = await this.book.run(ctx);
    const result: AnalyzeResult = { preset_id: `preset-of-${ctx.job.job_id}`, analyzer: ctx.job.input.analyzer, data };
    return { result };
  }
}

export class FakeComprehensiveHandler implements JobHandler<'comprehensive_analyze'> {
  readonly type = 'comprehensive_analyze' as const;
  aggregate(children: Job[]): ComprehensiveAnalyzeResult {
    return {
      preset_ids: children.filter((c) => c.status === 'completed').map((c) => (c.result as AnalyzeResult).preset_id),
      failed: children.filter((c) => c.status !== 'completed').map((c) => (c.input as { analyzer: string }).analyzer),
    };
  }
}

class NoopHandler<T extends JobType> implements JobHandler<T> {
  constructor(readonly type: T) {}
  async run(): Promise<JobOutcome<T>> {
    return { result: {} as JobOutcome<T>['result'] };
  }
}

export function fakeHandlers(book: BehaviourBook): JobHandler[] {
  return [
    new FakeAnalyzeHandler(book) as JobHandler,
    new FakeComprehensiveHandler() as JobHandler,
    new NoopHandler('generate_image') as JobHandler,
    new NoopHandler('generate_thumbnail') as JobHandler,
    new NoopHandler('deliver_webhook') as JobHandler,
    new BatchJobHandler() as JobHandler,
  ];
}
