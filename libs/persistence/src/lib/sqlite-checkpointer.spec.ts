import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { transformFileSync } from '@swc/core';
import { SqliteCheckpointer, type CheckpointFailure } from './sqlite-checkpointer';

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
    const compile = (file: string) =>
      transformFileSync(join(__dirname, file), { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code;
    writeFileSync(join(dir, 'checkpointer.js'), compile('sqlite-checkpointer.ts'));
    mkdirSync(join(dir, 'storage'));
    writeFileSync(join(dir, 'storage', 'repeat-gate.js'), compile('storage/repeat-gate.ts'));
    // The worker is unref'd while it runs; stop() must hold the process until the worker has exited.
    const program = `
      const { SqliteCheckpointer } = require('./checkpointer.js');
      const c = new SqliteCheckpointer(${JSON.stringify(join(dir, 'a.db'))});
      c.stop().then(() => console.log('stopped'));
    `;
    const out = execFileSync(process.execPath, ['-e', program], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    expect(out.trim()).toBe('stopped');
  });

  it('reports a checkpoint that keeps failing once, not on every tick', async () => {
    // Every checkpoint of a file that is not a database fails the same way, four times a second.
    const file = join(dir, 'not-a-database');
    writeFileSync(file, 'not a database '.repeat(20));
    const reports: CheckpointFailure[] = [];
    const checkpointer = new SqliteCheckpointer(file, (failure) => reports.push(failure));
    try {
      const deadline = Date.now() + 20_000;
      while (checkpointer.failures < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(checkpointer.failures).toBeGreaterThanOrEqual(4);
      expect(reports).toEqual([{ code: 'SQLITE_NOTADB', message: 'file is not a database', repeats: 0 }]);
    } finally {
      await checkpointer.stop();
    }
  });
});
