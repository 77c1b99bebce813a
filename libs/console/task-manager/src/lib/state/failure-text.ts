/**
 * Failures in plain words: what went wrong, whether a retry can help, which attempt it was and
 * when the next one runs. The server's own message stays available as the technical detail.
 */
import type { Job, JobError } from '@atelier/contracts';

export interface FailureText {
  /** One sentence a person understands. */
  readonly summary: string;
  /** The server's message (repeats removed) when it says more than the summary; else null. */
  readonly detail: string | null;
  /** True only when the error is retryable and a retry would not simply repeat it. */
  readonly retryHelps: boolean;
  readonly retryAdvice: string;
}

interface Known {
  readonly summary: string;
  /** False: the same input fails the same way again. */
  readonly transient: boolean;
}

const BY_CODE: Readonly<Record<string, Known>> = {
  image_undecodable: { summary: 'The image could not be read: the file is damaged or is not a JPEG, PNG, WebP or GIF image.', transient: false },
  upstream_timeout: { summary: 'The vision model did not answer in time.', transient: true },
  upstream_unreachable: { summary: 'The vision model’s server could not be reached.', transient: true },
  upstream_rate_limited: { summary: 'The vision model is busy and asked to slow down.', transient: true },
  upstream_unavailable: { summary: 'The vision model’s service failed for a moment.', transient: true },
  upstream_unauthorized: { summary: 'The server’s key for the vision model was refused; an administrator must set a valid key.', transient: false },
  upstream_forbidden: { summary: 'The server’s key may not use this vision model; an administrator must change the key or the model.', transient: false },
  upstream_not_found: { summary: 'The configured vision model does not exist; an administrator must change the model setting.', transient: false },
  upstream_bad_request: { summary: 'The vision model refused the request for this image.', transient: false },
  model_refused: { summary: 'The vision model declined to analyse this image.', transient: false },
  invalid_model_output: { summary: 'The vision model’s answers could not be used.', transient: true },
  job_timeout: { summary: 'The job took too long and was stopped.', transient: true },
  interrupted: { summary: 'The server stopped while the job was running.', transient: true },
  dependency_failed: { summary: 'A job this one waited for did not complete.', transient: false },
  internal_error: { summary: 'The server hit an internal error (a bug); please report it with the job id.', transient: false },
  not_found: { summary: 'Something the job needs (an image or a preset) no longer exists.', transient: false },
};

/** What the image library (sharp / libvips) says about bytes it cannot decode. */
const IMAGE_LIBRARY = /\bvips|libspng|libjpeg|\b(jpeg|png|gif|webp|heif)load|input buffer|input file (is missing|contains)|corrupt header|unsupported image format|premature end|bad seek|not a known file format/i;
const PIXEL_LIMIT = /pixel limit|exceeds pixel|too many pixels/i;

/** The message without repeats: the image library tends to say the same line several times. */
export function withoutRepeats(message: string): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const line of message.split(/\r?\n/)) {
    // "A: B: B: B" → "A: B" as well.
    const segments = line.split(/:\s+/).filter((s) => s.trim());
    const unique = segments.filter((s, i) => i === 0 || s.trim() !== segments[i - 1].trim());
    const text = unique.join(': ').trim();
    if (text && !seen.has(text.toLowerCase())) {
      seen.add(text.toLowerCase());
      parts.push(text);
    }
  }
  // A later line that an earlier one already contains adds nothing.
  return parts.filter((p, i) => !parts.some((q, j) => j !== i && q.length > p.length && q.includes(p))).join(' ');
}

export function describeFailure(error: JobError): FailureText {
  const message = withoutRepeats(error.message || '');
  const known: Known | undefined =
    BY_CODE[error.code] ??
    (PIXEL_LIMIT.test(message)
      ? { summary: 'The image has more pixels than the server accepts.', transient: false }
      : IMAGE_LIBRARY.test(message)
        ? BY_CODE['image_undecodable']
        : undefined);
  const summary = known?.summary ?? sentence(message || 'The job failed without saying why.');
  const retryHelps = error.retryable && (known?.transient ?? true);
  const detail = message && message !== summary && sentence(message) !== summary ? message : null;
  const retryAdvice = retryHelps
    ? 'This kind of failure is often temporary: a retry may succeed.'
    : error.retryable
      ? 'A retry would fail the same way with the same input.'
      : 'The server marked this failure as final: a retry would fail the same way.';
  return { summary, detail, retryHelps, retryAdvice };
}

function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

/** "Attempt 2 of 3". A job retried by hand may have run more often than its budget: clamped, and said. */
export function attemptsText(job: Pick<Job, 'attempts' | 'max_attempts'>): string {
  const max = Math.max(1, job.max_attempts);
  if (job.attempts <= max) return `Attempt ${Math.max(job.attempts, 0)} of ${max}`;
  return `Attempt ${max} of ${max} (${job.attempts} runs in all, counting retries by hand)`;
}

/** A job that failed an attempt and waits for its next one (queued, `run_at` in the future). */
export interface RetryWait {
  readonly at: number;
  /** The attempt that will run then, clamped to the budget. */
  readonly attempt: number;
  readonly of: number;
  readonly lastError: JobError | null;
}

export function retryWait(job: Job, now: number): RetryWait | null {
  if (job.status !== 'queued' || job.attempts < 1 || !job.run_at) return null;
  const at = Date.parse(job.run_at);
  if (!Number.isFinite(at) || at <= now) return null;
  const of = Math.max(1, job.max_attempts);
  return { at, attempt: Math.min(job.attempts + 1, of), of, lastError: lastErrorOf(job) };
}

function lastErrorOf(job: Job): JobError | null {
  const value = job.metadata['last_error'];
  if (typeof value !== 'object' || value === null) return null;
  const { message, code, retryable } = value as Partial<JobError>;
  return typeof message === 'string' ? { message, code: typeof code === 'string' ? code : 'unknown', retryable: retryable !== false } : null;
}

/** "14:03:07", local time, 24-hour. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

export function retryWaitText(wait: RetryWait): string {
  return `Retrying at ${clockTime(wait.at)} (attempt ${wait.attempt} of ${wait.of})`;
}
