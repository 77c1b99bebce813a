import { jsonNestsDeeperThan, refuseDeepJson } from './json-depth';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects, up to and past the limit', () => {
    expect(jsonNestsDeeperThan(utf8(nested(3)), 3)).toBe(false);
    expect(jsonNestsDeeperThan(utf8(nested(4)), 3)).toBe(true);
    expect(jsonNestsDeeperThan(utf8('{"a":{"b":[{"c":1}]}}'), 3)).toBe(true);
    expect(jsonNestsDeeperThan(utf8('[[1],[2],[3],{"a":[4]}]'), 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan(utf8(`{"name":"${'['.repeat(50)}"}`), 2)).toBe(false);
    expect(jsonNestsDeeperThan(utf8(`{"name":"a \\" ${'{'.repeat(50)} \\\\"}`), 2)).toBe(false);
    expect(jsonNestsDeeperThan(utf8(`{"name":"\\\\", "x":${nested(5)}}`), 3)).toBe(true);
  });

  it('reads multi-byte text without miscounting', () => {
    expect(jsonNestsDeeperThan(utf8('{"name":"Ünïcödé 👨‍👩‍👧 [ [ ["}'), 1)).toBe(false);
  });
});

describe('refuseDeepJson', () => {
  it('throws a 400 body-parser error naming the limit, in whatever charset the body is', () => {
    const verify = refuseDeepJson(2);
    expect(() => verify(undefined, undefined, utf8(nested(2)), 'utf-8')).not.toThrow();
    expect(() => verify(undefined, undefined, utf8(nested(3)), 'utf-8')).toThrow(expect.objectContaining({ status: 400, message: expect.stringMatching(/^JSON nested deeper than 2 levels/) }));
    expect(() => verify(undefined, undefined, Buffer.from(nested(3), 'utf16le'), 'utf-16le')).toThrow(expect.objectContaining({ status: 400 }));
  });
});
