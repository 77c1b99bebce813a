import { makeApiKey } from '@atelier/console/data-access/testing';
import { EXPIRY_CHOICES, expiresAt, isExpired } from './key-expiry';

const NOW = Date.parse('2025-03-01T10:00:00.000Z');

describe('key expiry', () => {
  it('turns a choice into the expires_at sent to the server', () => {
    expect(expiresAt('30d', NOW)).toBe('2025-03-31T10:00:00.000Z');
    expect(expiresAt('1y', NOW)).toBe('2026-03-01T10:00:00.000Z');
  });

  it('sends no expires_at for a key that never expires', () => {
    expect(expiresAt('never', NOW)).toBeUndefined();
    expect(EXPIRY_CHOICES.find((c) => c.id === 'never')?.days).toBeNull();
  });

  it('tells an expired key from a live one', () => {
    expect(isExpired(makeApiKey({ expires_at: '2025-03-01T09:59:59.000Z' }), NOW)).toBe(true);
    expect(isExpired(makeApiKey({ expires_at: '2025-03-02T00:00:00.000Z' }), NOW)).toBe(false);
    expect(isExpired(makeApiKey({ expires_at: null }), NOW)).toBe(false);
  });
});
