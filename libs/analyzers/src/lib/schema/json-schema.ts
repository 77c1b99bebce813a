/**
 * The subset of JSON Schema analyzer outputs use. It is what OpenAI structured outputs accept
 * in strict mode: every object closed and every property required.
 */
export type JsonSchema = StringSchema | NumberSchema | BooleanSchema | ArraySchema | ObjectSchema;

interface Described {
  description?: string;
}

export interface StringSchema extends Described {
  type: 'string';
  enum?: readonly string[];
  pattern?: string;
}

export interface NumberSchema extends Described {
  type: 'number' | 'integer';
  minimum?: number;
  maximum?: number;
}

export interface BooleanSchema extends Described {
  type: 'boolean';
}

export interface ArraySchema extends Described {
  type: 'array';
  items: JsonSchema;
  minItems?: number;
  maxItems?: number;
}

export interface ObjectSchema extends Described {
  type: 'object';
  properties: Record<string, JsonSchema>;
  required: string[];
  additionalProperties: false;
}

/** Small builders, so a definition reads like the shape it describes. */
export const s = {
  text: (description: string): StringSchema => ({ type: 'string', description }),
  choice: (values: readonly string[], description: string): StringSchema => ({ type: 'string', enum: values, description }),
  hex: (description: string): StringSchema => ({ type: 'string', pattern: '^#[0-9a-fA-F]{6}$', description }),
  number: (minimum: number, maximum: number, description: string): NumberSchema => ({ type: 'number', minimum, maximum, description }),
  flag: (description: string): BooleanSchema => ({ type: 'boolean', description }),
  list: (items: JsonSchema, description: string, maxItems = 12): ArraySchema => ({ type: 'array', items, maxItems, description }),
  object: (properties: Record<string, JsonSchema>, description?: string): ObjectSchema => ({
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
    ...(description ? { description } : {}),
  }),
};

/** Every analyzer's output: its own fields plus a suggested preset name and a one-line summary. */
export function analyzerOutput(properties: Record<string, JsonSchema>): ObjectSchema {
  return s.object({
    ...properties,
    suggested_name: s.text('A short, evocative preset name (2–5 words)'),
    summary: s.text('One sentence summarising the analysis'),
  });
}
