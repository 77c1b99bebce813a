import type { AnalyzerDefinition } from './analyzer-definition';
import { analyzerOutput, s } from '../schema/json-schema';
import { NOT_OFFLINE, offlineSummary } from '../offline/feature-words';

export const hairStyleAnalyzer: AnalyzerDefinition = {
  name: 'hair-style',
  title: 'Hair style',
  description: 'Length, texture, cut, styling, parting and volume of the hair.',
  category: 'hair',
  instruction:
    'Describe the hairstyle of the main person in this image as a hairdresser would: length, natural texture, the cut, how it is ' +
    'styled, the parting, and the volume. If no hair is visible, say so in each field.',
  schema: analyzerOutput({
    length: s.choice(['bald', 'buzzed', 'short', 'chin-length', 'shoulder-length', 'long', 'very long', 'not visible'], 'Hair length'),
    texture: s.choice(['straight', 'wavy', 'curly', 'coily', 'not visible'], 'Natural texture'),
    cut: s.text('The cut, e.g. bob, pixie, layered, undercut'),
    styling: s.text('How it is styled, e.g. blow-out, braided, slicked back, updo'),
    parting: s.choice(['center', 'side', 'none', 'not visible'], 'Parting'),
    volume: s.choice(['flat', 'moderate', 'voluminous', 'not visible'], 'Volume'),
  }),
  offline: (f) => ({
    length: 'not visible',
    texture: 'not visible',
    cut: NOT_OFFLINE,
    styling: NOT_OFFLINE,
    parting: 'not visible',
    volume: 'not visible',
    suggested_name: 'Offline Hair Style',
    summary: offlineSummary('hair style (hair is not isolated offline)', f),
  }),
};
