import { JOB_TYPES, type JobType } from '@atelier/contracts';
import type { JobHandler } from './job-handler';

/**
 * The one map of job type → handler. Construction fails loudly, naming the type, when a type
 * has no handler or more than one.
 */
export class JobHandlerRegistry {
  private readonly byType = new Map<JobType, JobHandler>();
  private registered = false;

  constructor(handlers?: JobHandler[], expected: readonly JobType[] = JOB_TYPES) {
    if (handlers) this.register(handlers, expected);
  }

  /** Registers every handler at once (at boot, after the framework created them). */
  register(handlers: JobHandler[], expected: readonly JobType[] = JOB_TYPES): void {
    if (this.registered) throw new Error('Job handlers are already registered');
    const problems: string[] = [];
    for (const h of handlers) {
      const existing = this.byType.get(h.type);
      if (existing) {
        problems.push(`job type "${h.type}" has two handlers: ${existing.constructor.name} and ${h.constructor.name}`);
        continue;
      }
      if (!h.run && !h.aggregate) problems.push(`handler ${h.constructor.name} of "${h.type}" has neither run() nor aggregate()`);
      this.byType.set(h.type, h);
    }
    for (const type of expected) {
      if (!this.byType.has(type)) problems.push(`job type "${type}" has no handler`);
    }
    if (problems.length) throw new Error(`Job handler registry is invalid: ${problems.join('; ')}`);
    this.registered = true;
  }

  get(type: JobType): JobHandler {
    const handler = this.byType.get(type);
    if (!handler) throw new Error(`job type "${type}" has no handler`);
    return handler;
  }

  isParentType(type: JobType): boolean {
    return !!this.byType.get(type)?.aggregate;
  }
}
