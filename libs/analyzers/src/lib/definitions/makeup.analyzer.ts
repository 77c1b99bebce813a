import type { AnalyzerDefinition } from './analyzer-definition';
import { analyzerOutput, s } from '../schema/json-schema';
import { NOT_OFFLINE, offlineSummary } from '../offline/feature-words';

const area = (what: string) => s.text(`${what}: products, colours and finish, or "none visible"`);

export const makeupAnalyzer: AnalyzerDefinition = {
  name: 'makeup',
  title: 'Makeup',
  description: 'Complexion, eyes, brows, lips, cheeks, overall style and intensity of the makeup.',
  category: 'face',
  instruction:
    'Describe the makeup of the main person in this image as a makeup artist would: complexion (base, finish, coverage), eyes ' +
    '(shadow, liner, lashes), brows, lips, cheeks (blush, contour, highlight), the overall style, and its intensity. If no face ' +
    'is visible, say so.',
  schema: analyzerOutput({
    complexion: area('Base, finish and coverage'),
    eyes: area('Shadow, liner and lashes'),
    brows: area('Shape and fill'),
    lips: area('Colour and finish'),
    cheeks: area('Blush, contour and highlight'),
    overall_style: s.text('e.g. natural, glam, editorial, no-makeup makeup'),
    intensity: s.choice(['none', 'minimal', 'natural', 'moderate', 'dramatic', 'not visible'], 'How strong the makeup reads'),
  }),
  offline: (f) => ({
    complexion: NOT_OFFLINE,
    eyes: NOT_OFFLINE,
    brows: NOT_OFFLINE,
    lips: NOT_OFFLINE,
    cheeks: NOT_OFFLINE,
    overall_style: NOT_OFFLINE,
    intensity: 'not visible',
    suggested_name: 'Offline Makeup',
    summary: offlineSummary('makeup (faces are not detected offline)', f),
  }),
};
