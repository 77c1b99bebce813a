import type { Job } from '@atelier/contracts';
import { AtelierError, ConflictError, GatewayTimeoutError, JobFailure, UpstreamError } from '@atelier/platform';
import { IMAGE_UNDECODABLE, ImageUndecodableError } from '../images/image-errors';

const UPSTREAM_CODES = /^(upstream_|model_|invalid_model_output$|children_failed$)/;

/** The HTTP error a waiting (sync) request answers when its job did not complete. */
export function failureOf(job: Job): AtelierError {
  const ref = `job ${job.job_id}; see GET /api/jobs/${job.job_id}`;
  if (job.status === 'cancelled') return new ConflictError(`The analysis was cancelled before it finished (${ref}).`, 'job_cancelled');
  const error = job.error ?? { message: 'The job failed without an error record.', code: 'job_failed', retryable: true };
  if (error.code === IMAGE_UNDECODABLE) return new ImageUndecodableError(`${error.message} (${ref})`, { errors: [{ field: 'image', message: 'cannot be decoded' }] });
  if (error.code === 'job_timeout') return new GatewayTimeoutError(`The analysis timed out: ${error.message} (${ref}).`);
  if (UPSTREAM_CODES.test(error.code)) {
    return new UpstreamError(`${error.message} (${ref})`, { code: error.code, retryable: error.retryable });
  }
  return new JobFailure(`${error.message} (${ref})`, { code: error.code, retryable: error.retryable });
}

/** The 504 of a request that stopped waiting while its job goes on. */
export function stillRunning(job: Job, waitedMs: number): GatewayTimeoutError {
  return new GatewayTimeoutError(
    `The analysis did not finish within ${waitedMs} ms (SYNC_WAIT_TIMEOUT_MS). It continues as job ${job.job_id}: follow GET /api/jobs/${job.job_id}, or send async_mode=true.`,
  );
}
