import { InvalidInputError } from '@atelier/platform';
import { idempotencyKeyOf } from './idempotency-key';

describe('idempotencyKeyOf', () => {
  it('answers undefined without the header, and the key when it is 1–255 printable characters', () => {
    expect(idempotencyKeyOf({})).toBeUndefined();
    expect(idempotencyKeyOf({ 'idempotency-key': 'a' })).toBe('a');
    expect(idempotencyKeyOf({ 'idempotency-key': 'k'.repeat(255) })).toBe('k'.repeat(255));
    expect(idempotencyKeyOf({ 'idempotency-key': 'order 42: retry #1 ~!' })).toBe('order 42: retry #1 ~!');
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['a control character', 'a\tb'],
    ['a non-ASCII character', 'clé'],
  ])('refuses a key that is %s with 400 naming the header', (_what, value) => {
    let error: unknown;
    try {
      idempotencyKeyOf({ 'idempotency-key': value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).message).toMatch(/^Idempotency-Key: /);
    expect((error as InvalidInputError).errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
  });

  it('refuses the header sent twice', () => {
    expect(() => idempotencyKeyOf({ 'idempotency-key': ['a', 'b'] })).toThrow(InvalidInputError);
  });
});
