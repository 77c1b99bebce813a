import type { JobEvent } from '@atelier/contracts';
import { eventFrame, snapshotFrame } from './sse-frames';
import { aJob } from './testing/jobs';

describe('SSE frames', () => {
  it('lays an event out as Nest did: event, id, then its data as JSON on one line', () => {
    const event: JobEvent = { id: '42', event: 'job.deleted', data: { job_id: 'j1' } };
    expect(eventFrame(event).toString()).toBe('event: job.deleted\nid: 42\ndata: {"job_id":"j1"}\n\n');
    expect(snapshotFrame('41', { jobs: [] }).toString()).toBe('event: snapshot\nid: 41\ndata: {"jobs":[]}\n\n');
  });

  it('encodes an event once, however many streams send it', () => {
    const event: JobEvent = { id: '43', event: 'job.updated', data: aJob({ step_label: 'line one\nline two' }) };
    expect(eventFrame(event)).toBe(eventFrame(event));
    expect(eventFrame(event).toString().split('\n').filter((l) => l.startsWith('data: '))).toHaveLength(1);
  });
});
