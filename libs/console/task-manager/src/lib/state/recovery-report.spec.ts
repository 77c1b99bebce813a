import { makeJob } from '@atelier/console/data-access/testing';
import { listOfTitles, recoveryReport, recoverySentence, runningBefore } from './recovery-report';

describe('recovery report', () => {
  it('finds the running jobs that recovery re-queued, and those that ended while the stream was down', () => {
    const waiting = makeJob({ status: 'running', title: 'Hair color analysis', started_at: '2025-01-01T12:00:00.000Z' });
    const restarted = makeJob({ status: 'running', title: 'Makeup analysis', started_at: '2025-01-01T12:00:01.000Z' });
    const finished = makeJob({ status: 'running', title: 'Outfit analysis', started_at: '2025-01-01T12:00:02.000Z' });
    const broke = makeJob({ status: 'running', title: 'Expression analysis', started_at: '2025-01-01T12:00:03.000Z' });
    const untouched = makeJob({ status: 'running', title: 'Art style analysis', started_at: '2025-01-01T12:00:04.000Z' });
    const before = runningBefore([waiting, restarted, finished, broke, untouched, makeJob({ status: 'queued' })]);
    expect(before).toHaveLength(5);
    const after = {
      [waiting.job_id]: { ...waiting, status: 'queued' as const },
      [restarted.job_id]: { ...restarted, started_at: '2025-01-01T12:05:00.000Z' },
      [finished.job_id]: { ...finished, status: 'completed' as const },
      [broke.job_id]: { ...broke, status: 'failed' as const },
      [untouched.job_id]: untouched,
    };
    const report = recoveryReport(before, after);
    expect(report.requeued.map((j) => j.title)).toEqual(['Hair color analysis', 'Makeup analysis']);
    expect(report.completed.map((j) => j.title)).toEqual(['Outfit analysis']);
    expect(report.failed.map((j) => j.title)).toEqual(['Expression analysis']);
    expect(recoverySentence(report, after)).toBe(
      'Reconnected. Re-queued by recovery: Hair color analysis and Makeup analysis. While disconnected, 1 completed and 1 failed.',
    );
    expect(recoverySentence({ requeued: [], completed: [], failed: [] }, after)).toBeNull();
  });

  it('names jobs with their file, a child with its parent, and shortens long lists', () => {
    const parent = makeJob({ title: 'Comprehensive analysis (2/8)' });
    expect(listOfTitles([makeJob({ title: 'Makeup analysis', metadata: { file_name: 'me.png' } })], {})).toBe('Makeup analysis of me.png');
    const child = makeJob({ parent_id: parent.job_id, title: 'Makeup analysis' });
    const others = [1, 2, 3].map((i) => makeJob({ title: `Job ${i}` }));
    expect(listOfTitles([child], { [parent.job_id]: parent })).toBe('Makeup analysis (in Comprehensive analysis (2/8))');
    expect(listOfTitles([child, ...others], {})).toBe('Makeup analysis, Job 1, Job 2 and 1 more');
  });
});
