import type { AnalyzerDefinition } from './analyzer-definition';
import { analyzerOutput, s } from '../schema/json-schema';
import { NOT_OFFLINE, moodOf, offlineSummary } from '../offline/feature-words';

export const expressionAnalyzer: AnalyzerDefinition = {
  name: 'expression',
  title: 'Expression',
  description: 'Primary emotion, intensity, gaze and mouth of the facial expression.',
  category: 'face',
  instruction:
    'Describe the facial expression of the main person in this image: the primary emotion, its intensity from 0 to 1, the gaze ' +
    '(direction and quality), the mouth, and a short description of the whole expression. If no face is visible, say so.',
  schema: analyzerOutput({
    primary_emotion: s.text('e.g. joy, calm, surprise, melancholy, or "no face visible"'),
    intensity: s.number(0, 1, 'How strongly the emotion shows, 0–1'),
    gaze: s.text('Where and how the person looks, e.g. direct to camera, downcast'),
    mouth: s.text('e.g. closed-lip smile, open laugh, neutral'),
    description: s.text('The expression in a sentence'),
  }),
  offline: (f) => ({
    primary_emotion: NOT_OFFLINE,
    intensity: 0,
    gaze: NOT_OFFLINE,
    mouth: NOT_OFFLINE,
    description: `${NOT_OFFLINE}; the image as a whole reads ${moodOf(f)}`,
    suggested_name: 'Offline Expression',
    summary: offlineSummary('expression (faces are not detected offline)', f),
  }),
};
