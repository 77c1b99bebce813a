import type { AnalyzerDefinition } from './analyzer-definition';
import { analyzerOutput, s } from '../schema/json-schema';
import { NOT_OFFLINE, offlineSummary, paletteText } from '../offline/feature-words';

export const outfitAnalyzer: AnalyzerDefinition = {
  name: 'outfit',
  title: 'Outfit',
  description: 'Garments with type, color, material and fit; overall style, formality and season.',
  category: 'fashion',
  instruction:
    'Describe the outfit of the main person in this image as a stylist would: every visible garment with its type, colour, ' +
    'material and fit; then the overall style, the formality and the season it suits.',
  schema: analyzerOutput({
    garments: s.list(
      s.object({
        type: s.text('e.g. trench coat, wide-leg trousers'),
        color: s.text('Colour name'),
        material: s.text('e.g. wool, denim, silk'),
        fit: s.text('e.g. oversized, tailored, relaxed'),
      }),
      'Visible garments, outermost first',
      12,
    ),
    overall_style: s.text('e.g. smart casual, streetwear, minimalist'),
    formality: s.choice(['casual', 'smart casual', 'business', 'formal', 'black tie', 'athletic', 'not visible'], 'Formality'),
    season: s.choice(['spring', 'summer', 'autumn', 'winter', 'all seasons', 'not visible'], 'Season it suits'),
  }),
  offline: (f) => ({
    garments: [],
    overall_style: `${NOT_OFFLINE}; measured palette: ${paletteText(f)}`,
    formality: 'not visible',
    season: 'not visible',
    suggested_name: 'Offline Outfit',
    summary: offlineSummary('outfit (garments are not detected offline)', f),
  }),
};
