/** One HTTP attempt of a delivery: signed, 10 s at most, only to an address the target guard allows at connect time. */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { signedHeaders } from '../webhook-signature';
import { hostOf, type WebhookTargetGuard } from '../targets/webhook-target-guard';
import { WebhookTargetForbiddenError } from '../webhook-errors';

/** API.md: a delivery not answered 2xx within 10 s is retried. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
/** How much of an answer is read (then dropped): receivers are expected to answer quickly and briefly. */
const MAX_ANSWER_BYTES = 64 * 1024;

export interface AttemptOutcome {
  ok: boolean;
  /** HTTP status, or null when no answer came. */
  status: number | null;
  latencyMs: number;
  /** Why it failed, in words. */
  error: string | null;
  /** Whether another attempt may succeed (410 Gone and a forbidden target say no). */
  retryable: boolean;
}

export class WebhookSender {
  constructor(
    private readonly guard: WebhookTargetGuard,
    private readonly timeoutMs = ATTEMPT_TIMEOUT_MS,
  ) {}

  async send(target: { url: string; secret: string }, webhookId: string, body: string, signal: AbortSignal): Promise<AttemptOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const url = new URL(target.url);
      // Node calls `lookup` only for names; an IP literal is judged here (the URL may predate a change of WEBHOOK_ALLOW_PRIVATE_NETWORKS).
      if (isIP(hostOf(url))) await this.guard.check(target.url);
      const status = await this.post(url, { ...signedHeaders(target.secret, webhookId, body), 'content-type': 'application/json', 'user-agent': 'Atelier-Webhooks/1' }, body, signal);
      if (status >= 200 && status < 300) return { ok: true, status, latencyMs: elapsed(), error: null, retryable: false };
      const redirect = status >= 300 && status < 400 ? ' (redirects are not followed: give the final URL)' : '';
      return { ok: false, status, latencyMs: elapsed(), error: `The receiver answered ${status}${redirect}`, retryable: status !== 410 };
    } catch (err) {
      if (err instanceof WebhookTargetForbiddenError) return { ok: false, status: null, latencyMs: elapsed(), error: err.message, retryable: false };
      return { ok: false, status: null, latencyMs: elapsed(), error: describe(err, this.timeoutMs), retryable: true };
    }
  }

  private post(url: URL, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<number> {
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          lookup: this.guard.connectLookup(),
          signal: AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)]),
          // One connection per attempt: a pooled socket would skip the connect-time check.
          agent: false,
        },
        (res) => {
          let read = 0;
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_ANSWER_BYTES) res.destroy();
          });
          res.on('error', () => undefined);
          res.on('close', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}

function describe(err: unknown, timeoutMs: number): string {
  const e = err as NodeJS.ErrnoException & { cause?: unknown };
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return `No answer within ${timeoutMs / 1000} s (or the delivery was stopped)`;
  if (e?.code === 'ECONNREFUSED') return 'The receiver refused the connection';
  if (e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN') return `The receiver's host name did not resolve (${e.code})`;
  return `The request failed: ${e?.message ?? String(err)}${e?.code ? ` (${e.code})` : ''}`;
}
