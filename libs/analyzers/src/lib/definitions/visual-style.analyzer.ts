import type { AnalyzerDefinition } from './analyzer-definition';
import { analyzerOutput, s } from '../schema/json-schema';
import { NOT_OFFLINE, lightingOf, moodOf, offlineSummary, paletteText, sharpnessOf, temperatureOf, titleCase, mainColor, keyOf } from '../offline/feature-words';

export const visualStyleAnalyzer: AnalyzerDefinition = {
  name: 'visual-style',
  title: 'Visual style',
  description: 'Composition, lighting, palette, mood, camera and lens, photographic style.',
  category: 'style',
  instruction:
    'Describe the visual style of this image as a photographer or art director would: composition (framing, subject placement, ' +
    'perspective), lighting (direction, quality, key, colour temperature), the colour palette with hex codes, the mood, the likely ' +
    'camera and lens (focal length, depth of field), and the photographic style or genre.',
  schema: analyzerOutput({
    composition: s.object({
      framing: s.text('e.g. close-up, medium shot, wide shot'),
      subject_placement: s.text('e.g. centered, rule of thirds, off-center left'),
      perspective: s.text('e.g. eye level, low angle, overhead'),
      aspect: s.choice(['landscape', 'portrait', 'square'], 'Orientation of the frame'),
    }),
    lighting: s.object({
      description: s.text('Direction, quality and key of the light'),
      temperature: s.choice(['warm', 'neutral', 'cool'], 'Overall colour temperature'),
    }),
    palette: s.list(s.object({ name: s.text('Colour name'), hex: s.hex('Colour as #rrggbb') }), 'Dominant colours, most prominent first', 8),
    mood: s.text('The emotional tone'),
    camera: s.object({ lens: s.text('Likely focal length / lens type'), depth_of_field: s.text('shallow, moderate or deep, and how it is used') }),
    photographic_style: s.text('Genre or style, e.g. editorial portrait, street, fine art'),
  }),
  offline: (f) => ({
    composition: { framing: NOT_OFFLINE, subject_placement: NOT_OFFLINE, perspective: NOT_OFFLINE, aspect: f.orientation },
    lighting: { description: lightingOf(f), temperature: temperatureOf(f) },
    palette: f.palette.map((c) => ({ name: c.name, hex: c.hex })),
    mood: moodOf(f),
    camera: { lens: NOT_OFFLINE, depth_of_field: `${NOT_OFFLINE}; the image reads as ${sharpnessOf(f)}` },
    photographic_style: `${NOT_OFFLINE}; measured palette: ${paletteText(f)}`,
    suggested_name: titleCase(`${moodOf(f).split(',')[0]} ${mainColor(f)}, ${keyOf(f)}`),
    summary: offlineSummary('visual style', f),
  }),
};
