import { Inject, Injectable, Logger, StreamableFile, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, mergeMap, of, type Observable } from 'rxjs';
import { AppConfig, type AccessRequest } from '@atelier/platform';
import { ATELIER_DB, type AtelierDb } from '@atelier/persistence';
import { IdempotencyMismatchError, stillInProgress } from './idempotency-errors';
import { idempotencyKeyOf } from './idempotency-key';
import { IdempotencyStore, idempotencyTimes, type KeyRecord, type StoredAnswer } from './idempotency.store';
import { requestFingerprint } from './request-fingerprint';
import { captureResponse } from './response-capture';

/** Waiters for a key in progress may wait through a synchronous request's whole wait, and a little more. */
const WAIT_MARGIN_MS = 5_000;
const FIRST_POLL_MS = 20;
const MAX_POLL_MS = 250;

type Decision = { run: true; claimId: string } | { run: false; answer: StoredAnswer };

/**
 * Idempotency-Key on a job-creating route (Stripe's semantics): the first request with a key runs
 * and its answer is stored; the same key and request within IDEMPOTENCY_TTL_MS answer it again
 * byte for byte (with Idempotent-Replayed: true) and create nothing; the key on another request
 * answers 422. Concurrent requests with one key wait for the first. A 5xx or 429 answer releases
 * the key, so a retry runs again; other answers are kept. Without the header it does nothing.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  private readonly store: IdempotencyStore;
  private readonly waitMs: number;

  // Only global providers: the worker process builds the analyzers' controllers too, without this lib's module.
  constructor(@Inject(ATELIER_DB) db: AtelierDb, @Inject(AppConfig) config: AppConfig) {
    this.store = new IdempotencyStore(db, idempotencyTimes(config));
    this.waitMs = config.values.syncWaitTimeoutMs + WAIT_MARGIN_MS;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request & AccessRequest>();
    const key = idempotencyKeyOf(req.headers);
    if (key === undefined) return next.handle();
    if (req.body === undefined && req.is('multipart/form-data')) {
      throw new Error('@Idempotent() must be listed above the route\'s upload interceptor, so that it sees the parsed upload');
    }
    const res = context.switchToHttp().getResponse<Response>();
    const userId = req.principal?.user_id ?? '';
    const fingerprint = requestFingerprint(req);
    return from(this.decide(userId, key, fingerprint)).pipe(
      mergeMap((decision) => {
        if (!decision.run) return of(replay(res, decision.answer));
        captureResponse(res, (answer) => this.settle(userId, key, decision.claimId, answer));
        return next.handle();
      }),
    );
  }

  /** Runs the request when it claims the key; otherwise waits for the holder's answer (bounded). */
  private async decide(userId: string, key: string, fingerprint: string): Promise<Decision> {
    const started = Date.now();
    let pollMs = FIRST_POLL_MS;
    let claim = await this.store.claim(userId, key, fingerprint);
    for (;;) {
      if (claim.claimed) return { run: true, claimId: claim.claimId };
      const record: KeyRecord = claim.record;
      if (record.fingerprint !== fingerprint) {
        throw new IdempotencyMismatchError(
          'This Idempotency-Key was already used on a different request (another route, query, form field or file). Use a new key for a new request.',
        );
      }
      if (record.state === 'done') return { run: false, answer: record.answer };
      if (Date.now() - started > this.waitMs) throw stillInProgress(Date.now() - started);
      await sleep(pollMs);
      pollMs = Math.min(MAX_POLL_MS, Math.ceil(pollMs * 1.5));
      const current = await this.store.read(userId, key);
      // The holder failed (5xx) and released the key, or its record expired: this request runs instead.
      claim = current ? { claimed: false, record: current } : await this.store.claim(userId, key, fingerprint);
    }
  }

  private async settle(userId: string, key: string, claimId: string, answer: StoredAnswer): Promise<void> {
    try {
      if (answer.status >= 500 || answer.status === 429) await this.store.release(userId, key, claimId);
      else if (!(await this.store.complete(userId, key, claimId, answer))) this.logger.warn(`Idempotency key of user ${userId} was taken over before its answer was stored`);
    } catch (err) {
      this.logger.error(`Idempotency key of user ${userId} not settled (answer ${answer.status}): ${String(err)}`);
      await this.store.release(userId, key, claimId).catch((releaseErr: unknown) => this.logger.error(`…nor released: ${String(releaseErr)}`));
    }
  }
}

/** The stored answer again, byte for byte, through Nest's stream reply (it sets Content-Length). */
function replay(res: Response, answer: StoredAnswer): StreamableFile {
  res.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.setHeader('Idempotent-Replayed', 'true');
  return new StreamableFile(answer.body, { type: answer.headers['content-type'], length: answer.body.length });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
