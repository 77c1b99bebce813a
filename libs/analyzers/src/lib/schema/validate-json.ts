import type { JsonSchema } from './json-schema';

export interface SchemaViolation {
  path: string;
  message: string;
}

/** Checks a value against an analyzer schema; answers every violation found (empty when valid). */
export function validateJson(schema: JsonSchema, value: unknown, path = '$'): SchemaViolation[] {
  const fail = (message: string): SchemaViolation[] => [{ path, message }];
  switch (schema.type) {
    case 'string': {
      if (typeof value !== 'string') return fail(`must be a string, got ${describe(value)}`);
      if (schema.enum && !schema.enum.includes(value)) return fail(`must be one of ${schema.enum.join(', ')}, got "${value}"`);
      if (schema.pattern && !new RegExp(schema.pattern).test(value)) return fail(`must match ${schema.pattern}, got "${value}"`);
      return [];
    }
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`must be a number, got ${describe(value)}`);
      if (schema.type === 'integer' && !Number.isInteger(value)) return fail(`must be a whole number, got ${value}`);
      if (schema.minimum !== undefined && value < schema.minimum) return fail(`must be at least ${schema.minimum}, got ${value}`);
      if (schema.maximum !== undefined && value > schema.maximum) return fail(`must be at most ${schema.maximum}, got ${value}`);
      return [];
    }
    case 'boolean':
      return typeof value === 'boolean' ? [] : fail(`must be true or false, got ${describe(value)}`);
    case 'array': {
      if (!Array.isArray(value)) return fail(`must be an array, got ${describe(value)}`);
      if (schema.minItems !== undefined && value.length < schema.minItems) return fail(`must hold at least ${schema.minItems} items`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems) return fail(`must hold at most ${schema.maxItems} items`);
      return value.flatMap((item, i) => validateJson(schema.items, item, `${path}[${i}]`));
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`must be an object, got ${describe(value)}`);
      const record = value as Record<string, unknown>;
      const missing = schema.required.filter((k) => !(k in record)).map((k) => ({ path: `${path}.${k}`, message: 'is required' }));
      const extra = Object.keys(record)
        .filter((k) => !(k in schema.properties))
        .map((k) => ({ path: `${path}.${k}`, message: 'is not part of the schema' }));
      const nested = Object.entries(schema.properties)
        .filter(([k]) => k in record)
        .flatMap(([k, sub]) => validateJson(sub, record[k], `${path}.${k}`));
      return [...missing, ...extra, ...nested];
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

export function formatViolations(violations: SchemaViolation[], max = 5): string {
  const shown = violations.slice(0, max).map((v) => `${v.path} ${v.message}`);
  const more = violations.length > max ? ` (and ${violations.length - max} more)` : '';
  return shown.join('; ') + more;
}
