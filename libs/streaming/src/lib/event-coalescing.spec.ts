import type { Job, JobEvent, JobEventName } from '@atelier/contracts';
import { BatchSummary, latestStatePerJob } from './event-coalescing';
import { aJob } from './testing/jobs';

let cursor = 0;
const event = (name: JobEventName, over: Partial<Job>): JobEvent => ({ id: String(++cursor), event: name, data: aJob(over) }) as JobEvent;
const names = (events: JobEvent[]) => events.map((e) => `${e.event} ${e.event === 'job.deleted' ? e.data.job_id : (e.data as Job).job_id}`);

describe('latestStatePerJob', () => {
  it("keeps a job's last update of each status in the window, and every created, final and deleted event, in order", () => {
    const events = [
      event('job.created', { job_id: 'a', status: 'queued' }),
      event('job.updated', { job_id: 'a', progress: 0.1 }),
      event('job.updated', { job_id: 'b', progress: 0.1 }),
      event('job.updated', { job_id: 'a', progress: 0.5 }),
      event('job.updated', { job_id: 'b', progress: 0.2 }),
      event('job.completed', { job_id: 'b', status: 'completed' }),
      { id: String(++cursor), event: 'job.deleted', data: { job_id: 'c' } } as JobEvent,
    ];
    const kept = latestStatePerJob(events);
    expect(names(kept)).toEqual(['job.created a', 'job.updated a', 'job.updated b', 'job.completed b', 'job.deleted c']);
    expect((kept[1].data as Job).progress).toBe(0.5);
    expect((kept[2].data as Job).progress).toBe(0.2);
  });

  it('keeps every status change: a job that ends, is queued again and ends again within one window shows both runs', () => {
    const events = [
      event('job.cancelled', { job_id: 'a', status: 'cancelled' }),
      event('job.updated', { job_id: 'a', status: 'queued', progress: 0 }),
      event('job.updated', { job_id: 'a', status: 'running', progress: 0.1 }),
      event('job.updated', { job_id: 'a', status: 'running', progress: 0.4 }),
      event('job.cancelled', { job_id: 'a', status: 'cancelled' }),
    ];
    const kept = latestStatePerJob(events);
    expect(kept.map((e) => `${e.event} ${(e.data as Job).status}`)).toEqual([
      'job.cancelled cancelled',
      'job.updated queued',
      'job.updated running',
      'job.cancelled cancelled',
    ]);
    expect((kept[2].data as Job).progress).toBe(0.4);
  });
});

describe('BatchSummary', () => {
  const batch = (status: Job['status'] = 'running') => aJob({ job_id: 'batch', type: 'batch', status, child_ids: ['c1', 'c2'] });

  it("sends of a batch's children only their status changes and final events; the batch's own events all go", () => {
    const summary = new BatchSummary();
    const kept = summary.summarise([
      event('job.created', { ...batch('queued') }),
      event('job.created', { job_id: 'c1', parent_id: 'batch', status: 'queued' }),
      event('job.updated', { job_id: 'c1', parent_id: 'batch', status: 'running', progress: 0.2 }),
      event('job.updated', { ...batch() }),
      event('job.updated', { job_id: 'c1', parent_id: 'batch', status: 'running', progress: 0.6 }),
      event('job.completed', { job_id: 'c1', parent_id: 'batch', status: 'completed' }),
      event('job.updated', { job_id: 'loose', progress: 0.3 }),
      event('job.updated', { job_id: 'loose', progress: 0.4 }),
    ]);
    expect(names(kept)).toEqual(['job.created batch', 'job.updated c1', 'job.updated batch', 'job.completed c1', 'job.updated loose', 'job.updated loose']);
  });

  it('summarises the children of a comprehensive analysis inside a batch too, and lets go of a batch once it ended', () => {
    const summary = new BatchSummary();
    summary.summarise([event('job.updated', { ...batch() })]);
    const kept = summary.summarise([
      event('job.updated', { job_id: 'comp', type: 'comprehensive_analyze', parent_id: 'batch', status: 'running', child_ids: ['g1'] }),
      event('job.updated', { job_id: 'g1', parent_id: 'comp', status: 'running', progress: 0.1 }),
      event('job.updated', { job_id: 'g1', parent_id: 'comp', status: 'running', progress: 0.9 }),
      event('job.updated', { job_id: 'comp', type: 'comprehensive_analyze', parent_id: 'batch', status: 'running', progress: 0.5, child_ids: ['g1'] }),
      event('job.completed', { ...batch('completed') }),
      event('job.updated', { job_id: 'c2', parent_id: 'batch', status: 'queued' }),
      event('job.updated', { job_id: 'c2', parent_id: 'batch', status: 'queued', progress: 0.1 }),
    ]);
    expect(names(kept)).toEqual(['job.updated comp', 'job.updated g1', 'job.completed batch', 'job.updated c2', 'job.updated c2']);
  });

  it('sends a child that is queued again (a retry) and forgets deleted jobs', () => {
    const summary = new BatchSummary();
    const kept = summary.summarise([
      event('job.updated', { ...batch() }),
      event('job.updated', { job_id: 'c1', parent_id: 'batch', status: 'running' }),
      event('job.updated', { job_id: 'c1', parent_id: 'batch', status: 'queued' }),
      event('job.updated', { job_id: 'c1', parent_id: 'batch', status: 'running' }),
      { id: String(++cursor), event: 'job.deleted', data: { job_id: 'batch' } } as JobEvent,
      event('job.updated', { job_id: 'c1', parent_id: 'batch', status: 'running', progress: 0.7 }),
    ]);
    expect(names(kept)).toEqual(['job.updated batch', 'job.updated c1', 'job.updated c1', 'job.updated c1', 'job.deleted batch', 'job.updated c1']);
  });
});
