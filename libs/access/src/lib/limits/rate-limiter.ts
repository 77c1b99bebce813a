import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AppConfig, TooManyRequestsError } from '@atelier/platform';
import { RateCounter } from './rate-counter';

const WINDOW_MS = 60_000;

/**
 * The per-principal request rate (RATE_LIMIT_PER_MINUTE) in fixed one-minute windows, counted in
 * the shared RateCounter; every answer carries RateLimit-Limit, -Remaining and -Reset.
 */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly counter: RateCounter,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async check(key: string, res: Response): Promise<void> {
    const now = Date.now();
    const window = Math.floor(now / WINDOW_MS);
    const limit = this.config.values.rateLimitPerMinute;
    const hits = await this.counter.hit(key, window);
    const resetS = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000));
    res.setHeader('RateLimit-Limit', String(limit));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - hits)));
    res.setHeader('RateLimit-Reset', String(resetS));
    if (hits > limit) {
      throw new TooManyRequestsError(`More than ${limit} requests in a minute from this principal: wait ${resetS} s (RATE_LIMIT_PER_MINUTE).`, resetS);
    }
  }
}
