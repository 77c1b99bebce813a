import { describe, expect, it } from '@jest/globals';
import { Style } from './style';
import { formatFields, formatTable } from './table';

describe('tables and colours', () => {
  it('aligns columns by their widest cell, colours included', () => {
    const style = new Style(true);
    const table = formatTable(['JOB', 'STATUS', 'TITLE'], [
      ['a1', style.status('completed'), 'Hair color analysis'],
      ['b22222', style.status('failed'), 'Makeup analysis'],
    ]);
    const plain = table.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
    expect(plain).toEqual([
      'JOB     STATUS     TITLE',
      'a1      completed  Hair color analysis',
      'b22222  failed     Makeup analysis',
    ]);
    expect(table).toContain('\x1b[');
  });

  it('aligns labels of a record', () => {
    expect(formatFields([['Job', 'j1'], ['Progress', '40%']])).toBe('Job:      j1\nProgress: 40%');
  });

  it.each([
    ['a terminal', true, {}, true],
    ['a pipe', false, {}, false],
    ['NO_COLOR at a terminal', true, { NO_COLOR: '1' }, false],
    ['a dumb terminal', true, { TERM: 'dumb' }, false],
  ])('colours on %s: %s', (_what, isTTY, env, enabled) => {
    const style = Style.for({ isTTY } as NodeJS.WriteStream, env);
    expect(style.enabled).toBe(enabled);
    expect(style.status('failed') === 'failed').toBe(!enabled);
  });
});
