import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ATELIER_VERSION } from './version';

it('ATELIER_VERSION is the version in package.json', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as { version: string };
  expect(ATELIER_VERSION).toBe(pkg.version);
});
