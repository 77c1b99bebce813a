import { isFinished, JOB_STATUSES } from './job';
import { isFinalEvent, JOB_EVENT_NAMES } from './job-event';
import { isJobType, JOB_TYPES } from './job-types';

describe('contracts', () => {
  it('knows which statuses are final', () => {
    expect(JOB_STATUSES.filter(isFinished)).toEqual(['completed', 'failed', 'cancelled']);
  });

  it('knows the job types of API.md (plus deliver_webhook, the type webhook deliveries run as) and rejects others', () => {
    expect(JOB_TYPES).toEqual(['analyze', 'comprehensive_analyze', 'generate_image', 'generate_thumbnail', 'batch', 'deliver_webhook']);
    expect(isJobType('analyze')).toBe(true);
    expect(isJobType('paint')).toBe(false);
  });

  it('marks the events that end a job', () => {
    expect(JOB_EVENT_NAMES.filter(isFinalEvent)).toEqual(['job.completed', 'job.failed', 'job.cancelled', 'job.deleted']);
  });
});
