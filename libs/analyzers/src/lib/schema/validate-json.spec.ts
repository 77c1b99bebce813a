import { analyzerOutput, s } from './json-schema';
import { validateJson } from './validate-json';

const schema = analyzerOutput({
  tone: s.choice(['warm', 'cool'], 'tone'),
  swatches: s.list(s.hex('hex'), 'swatches', 2),
  intensity: s.number(0, 1, 'intensity'),
  item: s.object({ type: s.text('type') }),
});
const valid = { tone: 'warm', swatches: ['#aabbcc'], intensity: 0.5, item: { type: 'ring' }, suggested_name: 'n', summary: 's' };

describe('validateJson', () => {
  it('accepts a matching value', () => {
    expect(validateJson(schema, valid)).toEqual([]);
  });

  it('names every violation by path', () => {
    const bad = { ...valid, tone: 'hot', swatches: ['red', '#000000', '#ffffff'], intensity: 2, item: { type: 1, extra: true }, summary: undefined };
    delete (bad as Record<string, unknown>)['suggested_name'];
    const paths = validateJson(schema, bad).map((v) => `${v.path} ${v.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.suggested_name is required',
        expect.stringMatching(/^\$\.tone must be one of warm, cool/),
        '$.swatches must hold at most 2 items',
        expect.stringMatching(/^\$\.intensity must be at most 1/),
        '$.item.extra is not part of the schema',
        '$.item.type must be a string, got number',
        '$.summary must be a string, got undefined',
      ]),
    );
  });

  it('checks array items and hex patterns', () => {
    expect(validateJson(schema, { ...valid, swatches: ['red'] })).toEqual([{ path: '$.swatches[0]', message: expect.stringContaining('must match') }]);
  });
});
