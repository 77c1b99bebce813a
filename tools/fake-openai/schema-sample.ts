/** A value that matches a JSON schema of the subset OpenAI strict structured outputs use. */
export interface SampleSchema {
  type?: string | string[];
  enum?: readonly unknown[];
  pattern?: string;
  minimum?: number;
  maxItems?: number;
  minItems?: number;
  items?: SampleSchema;
  properties?: Record<string, SampleSchema>;
}

export function sampleFromSchema(schema: SampleSchema, key = 'value'): unknown {
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return schema.pattern?.includes('#') ? '#a1b2c3' : `sample ${key.replace(/_/g, ' ')}`;
    case 'number':
    case 'integer':
      return schema.minimum ?? 0;
    case 'boolean':
      return true;
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, Math.min(1, schema.maxItems ?? 1));
      return Array.from({ length: count }, () => sampleFromSchema(schema.items ?? {}, key));
    }
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sampleFromSchema(s, k)]));
    default:
      return null;
  }
}
