import { Injectable } from '@nestjs/common';
import type { ComprehensiveAnalyzeResult, Job } from '@atelier/contracts';
import { JobHandlerFor, type JobHandler } from '@atelier/jobs';

/** A comprehensive analysis is a parent: its work is one analyze child per analyzer. */
@Injectable()
@JobHandlerFor('comprehensive_analyze')
export class ComprehensiveAnalyzeJobHandler implements JobHandler<'comprehensive_analyze'> {
  readonly type = 'comprehensive_analyze' as const;

  aggregate(children: Job[]): ComprehensiveAnalyzeResult {
    const done = children.filter((c): c is Job<'analyze'> => c.status === 'completed' && c.type === 'analyze' && c.result !== null);
    const failed = children.filter((c) => c.status !== 'completed').map((c) => (c as Job<'analyze'>).input.analyzer);
    return { preset_ids: done.map((c) => c.result!.preset_id), ...(failed.length ? { failed } : {}) };
  }
}
