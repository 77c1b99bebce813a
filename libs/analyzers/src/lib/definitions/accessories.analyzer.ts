import type { AnalyzerDefinition } from './analyzer-definition';
import { analyzerOutput, s } from '../schema/json-schema';
import { offlineSummary } from '../offline/feature-words';

export const accessoriesAnalyzer: AnalyzerDefinition = {
  name: 'accessories',
  title: 'Accessories',
  description: 'Jewellery, eyewear, hats, bags and other accessories: type, material, color and placement.',
  category: 'fashion',
  instruction:
    'List every accessory the main person in this image wears or carries (jewellery, eyewear, hats, scarves, bags, belts, ' +
    'watches…) with its type, material, colour and placement, and describe the overall accessory style.',
  schema: analyzerOutput({
    items: s.list(
      s.object({
        type: s.text('e.g. hoop earrings, aviator sunglasses'),
        material: s.text('e.g. gold, acetate, leather'),
        color: s.text('Colour name'),
        placement: s.text('Where it is worn, e.g. left wrist, ears'),
      }),
      'Accessories, most prominent first',
      12,
    ),
    overall_style: s.text('e.g. minimal, statement, vintage'),
  }),
  offline: (f) => ({
    items: [],
    overall_style: 'not determined offline (objects are not detected offline)',
    suggested_name: 'Offline Accessories',
    summary: offlineSummary('accessories (objects are not detected offline)', f),
  }),
};
