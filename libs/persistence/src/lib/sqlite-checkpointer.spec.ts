import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { transformFileSync } from '@swc/core';

const root = resolve(__dirname, '../../../..');

describe('SqliteCheckpointer', () => {
  let dir: string;
  beforeEach(() => {
    mkdirSync(join(root, 'tmp'), { recursive: true });
    // Inside the workspace, so the compiled module resolves better-sqlite3 as it does in production.
    dir = mkdtempSync(join(root, 'tmp', 'checkpointer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets stop() settle in a process that has nothing else to wait for', () => {
    const { code } = transformFileSync(join(__dirname, 'sqlite-checkpointer.ts'), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    writeFileSync(join(dir, 'checkpointer.js'), code);
    // The worker is unref'd while it runs; stop() must hold the process until the worker has exited.
    const program = `
      const { SqliteCheckpointer } = require('./checkpointer.js');
      const c = new SqliteCheckpointer(${JSON.stringify(join(dir, 'a.db'))});
      c.stop().then(() => console.log('stopped'));
    `;
    const out = execFileSync(process.execPath, ['-e', program], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    expect(out.trim()).toBe('stopped');
  });
});
