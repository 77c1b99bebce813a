import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectStatus, useAccessServer } from '../access/access-harness';

jest.setTimeout(90_000);

const CHECKED_IN = join(__dirname, '../../../../docs/openapi.json');

/** Where two JSON values differ, as JSON pointers (the first few). */
function differences(a: unknown, b: unknown, at = '', found: string[] = []): string[] {
  if (found.length >= 10) return found;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, found);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    found.push(at || '/');
  }
  return found;
}

describe('docs/openapi.json', () => {
  const suite = useAccessServer();

  it('is the document the server serves (run npm run openapi after changing the API)', async () => {
    const { caller } = await suite.admin.createKey();
    const served = await caller.get('/api/openapi.json');
    expectStatus(served, 200);
    const checkedIn = JSON.parse(readFileSync(CHECKED_IN, 'utf8'));
    const drift = differences(served.body, checkedIn);
    if (drift.length) {
      throw new Error(`The served OpenAPI document differs from docs/openapi.json at ${drift.join(', ')}.\nRun npm run openapi and commit docs/openapi.json and libs/client/src/generated/schema.ts.`);
    }
    expect(served.body).toEqual(checkedIn);
  });
});
