import { humanizeKey, toDataNode } from './data-nodes';

describe('toDataNode', () => {
  it('shows hex colors, alone or in lists, as swatches', () => {
    expect(toDataNode('#aabbcc')).toEqual({ kind: 'swatches', swatches: [{ hex: '#aabbcc' }] });
    expect(toDataNode([{ name: 'Ink', hex: '#101820' }, '#fff'])).toEqual({
      kind: 'swatches',
      swatches: [{ hex: '#101820', name: 'Ink' }, { hex: '#fff' }],
    });
  });

  it('turns lists of words into tags and objects into labelled groups', () => {
    expect(toDataNode({ base_color: 'brown', items: ['hat', 'scarf'] })).toEqual({
      kind: 'group',
      entries: [
        { label: 'Base color', node: { kind: 'text', text: 'brown' } },
        { label: 'Items', node: { kind: 'tags', tags: ['hat', 'scarf'] } },
      ],
    });
  });

  it('humanizes snake and kebab keys', () => {
    expect(humanizeKey('suggested_name')).toBe('Suggested name');
    expect(humanizeKey('color-treatment')).toBe('Color treatment');
  });
});
