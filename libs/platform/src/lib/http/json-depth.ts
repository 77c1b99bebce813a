/** Deepest nesting of arrays and objects a JSON request body may have; no Atelier request needs more than a few. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether a JSON text nests arrays and objects deeper than `limit`, judged without parsing it
 * (brackets inside strings do not count). Reads UTF-8 bytes: every structural character is ASCII,
 * and no byte of a multi-byte character is.
 */
export function jsonNestsDeeperThan(utf8: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < utf8.length; i++) {
    const c = utf8[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/** A body-parser error: its status is the answer's (body-parser keeps it; Nest maps it to an HttpException). */
class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly expose = true;
  readonly type = 'entity.too.deep';
}

/**
 * The `verify` hook of the JSON body parser: refuses a body nested deeper than `maxDepth` before it
 * is parsed, so the validation pipe (class-transformer recurses once per level) never meets it.
 */
export function refuseDeepJson(maxDepth = MAX_JSON_DEPTH) {
  return (_req: unknown, _res: unknown, body: Buffer, encoding: string | null): void => {
    if (jsonNestsDeeperThan(asUtf8(body, encoding), maxDepth)) {
      throw new JsonTooDeepError(`JSON nested deeper than ${maxDepth} levels is refused: no request body needs arrays or objects nested that deep.`);
    }
  };
}

function asUtf8(body: Buffer, encoding: string | null): Uint8Array {
  if (!encoding || /^utf-?8$/i.test(encoding)) return body;
  try {
    return Buffer.from(new TextDecoder(encoding).decode(body), 'utf8');
  } catch {
    return body; // a charset TextDecoder lacks: the bytes are the best guess, and the parser judges the rest
  }
}
