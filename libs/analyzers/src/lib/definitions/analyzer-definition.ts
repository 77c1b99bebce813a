import type { ObjectSchema } from '../schema/json-schema';
import type { ImageFeatures } from '../offline/image-features';

/**
 * One analyzer: what it is called, what the model is asked, the shape of its answer, and how
 * the offline provider maps measured image features into that shape. Adding an analyzer is
 * adding one file that exports one of these, and listing it in analyzer-registry.ts.
 */
export interface AnalyzerDefinition {
  /** URL name and preset category, kebab-case: "hair-color". */
  name: string;
  title: string;
  description: string;
  /** Group shown in the console: style, hair, face, fashion. */
  category: string;
  /** Output schema (strict: closed objects, all properties required). */
  schema: ObjectSchema;
  /** What the vision model is asked to do. */
  instruction: string;
  /** Deterministic output from measured features; fields it cannot know say so. */
  offline(features: ImageFeatures): Record<string, unknown>;
}
