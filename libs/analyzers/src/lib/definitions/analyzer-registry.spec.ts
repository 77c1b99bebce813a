import { AtelierError } from '@atelier/platform';
import { ANALYZERS, AnalyzerRegistry } from './analyzer-registry';
import { validateJson } from '../schema/validate-json';
import type { JsonSchema, ObjectSchema } from '../schema/json-schema';
import { measureImage } from '../offline/image-features';
import { noiseImage, solidImage, stripesImage } from '../testing/test-images';

const EIGHT = ['visual-style', 'art-style', 'hair-style', 'hair-color', 'makeup', 'expression', 'accessories', 'outfit'];

function strictEverywhere(schema: JsonSchema): boolean {
  if (schema.type === 'array') return strictEverywhere(schema.items);
  if (schema.type !== 'object') return true;
  const o = schema as ObjectSchema;
  return o.additionalProperties === false && o.required.length === Object.keys(o.properties).length && Object.values(o.properties).every(strictEverywhere);
}

describe('AnalyzerRegistry', () => {
  const registry = new AnalyzerRegistry();

  it('lists the eight analyzers plus comprehensive', () => {
    expect(registry.infos().map((a) => a.name)).toEqual([...EIGHT, 'comprehensive']);
    for (const info of registry.infos()) expect(info.title && info.description && info.category).toBeTruthy();
  });

  it('answers 404 naming the valid analyzers for an unknown one', () => {
    expect(() => registry.get('tattoos')).toThrow(expect.objectContaining({ status: 404, message: expect.stringContaining('hair-color') }));
  });

  it('selects a comma list, defaults to all, and refuses unknown names with 400 listing the valid ones', () => {
    expect(registry.select(undefined).map((d) => d.name)).toEqual(EIGHT);
    expect(registry.select(' makeup, hair-color ,makeup').map((d) => d.name)).toEqual(['makeup', 'hair-color']);
    let err: unknown;
    try {
      registry.select('makeup,tattoos');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AtelierError);
    expect(err).toMatchObject({ status: 400, message: expect.stringMatching(/tattoos.*Valid analyzers: visual-style/) });
  });

  it('refuses two analyzers with one name', () => {
    expect(() => new AnalyzerRegistry([ANALYZERS[0], ANALYZERS[0]])).toThrow(/Two analyzers are named "visual-style"/);
  });

  describe.each(ANALYZERS.map((d) => [d.name, d] as const))('%s', (_name, def) => {
    it('has a strict schema (closed objects, all required) with suggested_name and summary', () => {
      expect(strictEverywhere(def.schema)).toBe(true);
      expect(def.schema.required).toEqual(expect.arrayContaining(['suggested_name', 'summary']));
      expect(def.instruction.length).toBeGreaterThan(80);
    });

    it('maps offline features into output that matches its own schema', async () => {
      for (const image of [await solidImage('#d01818'), await noiseImage(64, 64), await stripesImage(['#101010', '#f0e0c0'])]) {
        const out = def.offline(await measureImage(image));
        expect(validateJson(def.schema, out)).toEqual([]);
        expect(out['summary']).toMatch(/^Offline estimate/);
      }
    });
  });
});
