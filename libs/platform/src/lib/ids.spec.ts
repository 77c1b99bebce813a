import { UUID_PATTERN, uuidv7 } from './ids';

describe('uuidv7', () => {
  it('makes version-7 UUIDs that sort in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 2000 }, () => uuidv7(1_700_000_000_000));
    for (const id of ids) {
      expect(id).toMatch(UUID_PATTERN);
      expect(id[14]).toBe('7');
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
