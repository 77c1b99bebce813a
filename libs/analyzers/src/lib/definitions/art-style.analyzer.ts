import type { AnalyzerDefinition } from './analyzer-definition';
import { analyzerOutput, s } from '../schema/json-schema';
import { NOT_OFFLINE, mainColor, moodOf, offlineSummary, paletteSwatches, saturationOf, sharpnessOf, titleCase } from '../offline/feature-words';

export const artStyleAnalyzer: AnalyzerDefinition = {
  name: 'art-style',
  title: 'Art style',
  description: 'Medium, art movement, technique and influences.',
  category: 'style',
  instruction:
    'Identify the art style of this image: the medium (photograph, oil paint, watercolour, digital painting, 3D render…), the art ' +
    'movement or school it belongs to, the technique (brushwork, texture, line, rendering), notable influences or comparable ' +
    'artists, and its dominant colours as hex codes.',
  schema: analyzerOutput({
    medium: s.text('e.g. photograph, oil on canvas, digital painting'),
    movement: s.text('Art movement or school, e.g. impressionism, pop art, contemporary photography'),
    technique: s.object({
      description: s.text('Brushwork, texture, line quality, rendering'),
      texture: s.text('How surfaces read: smooth, painterly, grainy…'),
      color_treatment: s.text('How colour is used: vivid, muted, limited palette…'),
    }),
    influences: s.list(s.text('An artist, school or tradition'), 'Influences or comparable artists', 6),
    palette: s.list(s.hex('Colour as #rrggbb'), 'Dominant colours', 8),
  }),
  offline: (f) => ({
    medium: NOT_OFFLINE,
    movement: NOT_OFFLINE,
    technique: {
      description: NOT_OFFLINE,
      texture: `${sharpnessOf(f)} (measured edge energy)`,
      color_treatment: `${saturationOf(f)}, mood reads as ${moodOf(f)}`,
    },
    influences: [],
    palette: paletteSwatches(f),
    suggested_name: titleCase(`${saturationOf(f).split(',')[0]} ${mainColor(f)} study`),
    summary: offlineSummary('art style', f),
  }),
};
