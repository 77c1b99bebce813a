import { describe, expect, it } from '@jest/globals';
import { ExitCode } from '../exit-codes';
import { idempotencyKeyOf } from './analysis-options';

describe('idempotencyKeyOf', () => {
  it('is the key for one file and <key>-<n> for several', () => {
    expect(idempotencyKeyOf('run-7', 0, 1)).toBe('run-7');
    expect([0, 1, 2].map((i) => idempotencyKeyOf('run-7', i, 3))).toEqual(['run-7-1', 'run-7-2', 'run-7-3']);
    expect(idempotencyKeyOf(undefined, 0, 3)).toBeUndefined();
  });

  it('refuses a derived key past 255 characters', () => {
    expect(() => idempotencyKeyOf('k'.repeat(254), 9, 10)).toThrow(expect.objectContaining({ exitCode: ExitCode.Usage }));
  });
});
