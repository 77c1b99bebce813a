import type { AnalyzerDefinition } from './analyzer-definition';
import { analyzerOutput, s } from '../schema/json-schema';
import { NOT_OFFLINE, offlineSummary, paletteSwatches, temperatureOf } from '../offline/feature-words';

export const hairColorAnalyzer: AnalyzerDefinition = {
  name: 'hair-color',
  title: 'Hair color',
  description: 'Base color, highlights, coloring technique, tone and hex swatches of the hair.',
  category: 'hair',
  instruction:
    'Describe the hair colour of the main person in this image as a colourist would: the base colour, any highlights or lowlights, ' +
    'the colouring technique (natural, balayage, ombré, foils, vivid…), the tone (warm, cool, neutral) and 3–5 hex swatches ' +
    'sampled from the hair. If no hair is visible, say so.',
  schema: analyzerOutput({
    base_color: s.text('Base colour, e.g. dark chocolate brown'),
    highlights: s.text('Highlights or lowlights, or "none"'),
    technique: s.text('e.g. natural, balayage, ombré, babylights, vivid'),
    tone: s.choice(['warm', 'cool', 'neutral'], 'Overall tone'),
    swatches: s.list(s.hex('Colour as #rrggbb'), 'Hex swatches sampled from the hair', 6),
  }),
  offline: (f) => ({
    base_color: NOT_OFFLINE,
    highlights: NOT_OFFLINE,
    technique: NOT_OFFLINE,
    tone: temperatureOf(f),
    // Without segmentation the swatches are the whole image's dominant colours; the summary says so.
    swatches: paletteSwatches(f),
    suggested_name: `Offline ${temperatureOf(f)} swatches`,
    summary: `${offlineSummary('hair colour', f)} Swatches are the whole image's dominant colours, not the hair's.`,
  }),
};
