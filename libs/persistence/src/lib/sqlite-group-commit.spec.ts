import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, sql, type Generated } from 'kysely';
import { sqliteDialect } from './sqlite-dialect';
import { GroupCommitSqliteDriver } from './sqlite-group-commit';

interface Tables {
  items: { id: Generated<number>; name: string };
}

describe('SQLite group commit', () => {
  let dir: string;
  let file: string;
  let db: Kysely<Tables>;
  let observer: BetterSqlite3.Database;
  let commits: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-gc-'));
    file = join(dir, 'gc.db');
    const connection = new BetterSqlite3(file);
    connection.pragma('journal_mode = WAL');
    commits = 0;
    const exec = connection.exec.bind(connection);
    connection.exec = (source: string) => {
      if (source === 'COMMIT') commits++;
      return exec(source);
    };
    db = new Kysely<Tables>({ dialect: sqliteDialect(connection) });
    await sql`CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)`.execute(db);
    observer = new BetterSqlite3(file, { readonly: true });
    commits = 0;
  });

  afterEach(async () => {
    observer.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const visibleElsewhere = () => (observer.prepare('SELECT name FROM items ORDER BY id').all() as { name: string }[]).map((r) => r.name);
  const insert = (name: string) => db.insertInto('items').values({ name }).execute();

  it('commits writes issued together in one COMMIT, and resolves none of them before it', async () => {
    const writes = ['a', 'b', 'c'].map(insert);
    // Executed, not yet committed: another connection sees nothing.
    expect(visibleElsewhere()).toEqual([]);
    await Promise.all(writes);
    expect(visibleElsewhere()).toEqual(['a', 'b', 'c']);
    expect(commits).toBe(1);
  });

  it('answers a read at once when nothing is pending, and after the commit when writes are', async () => {
    await insert('a');
    const idle = await db.selectFrom('items').select('name').execute();
    expect(idle).toEqual([{ name: 'a' }]);
    const write = insert('b');
    let readSettled = false;
    const read = db
      .selectFrom('items')
      .select('name')
      .execute()
      .then((rows) => {
        readSettled = true;
        // Whatever the read saw is durable by the time it is answered.
        expect(visibleElsewhere()).toEqual(rows.map((r) => r.name));
        return rows;
      });
    expect(readSettled).toBe(false);
    await expect(read).resolves.toEqual([{ name: 'a' }, { name: 'b' }]);
    await write;
  });

  it('fails only the statement that broke a constraint; the rest of the batch commits', async () => {
    await insert('dup');
    const results = await Promise.allSettled([insert('x'), insert('dup'), insert('y')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(visibleElsewhere()).toEqual(['dup', 'x', 'y']);
  });

  it('rolls back an explicit transaction alone, and keeps the statements batched with it', async () => {
    const before = insert('kept');
    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'undone' }).execute();
      throw new Error('abort the transaction');
    });
    const after = insert('also kept');
    await expect(tx).rejects.toThrow('abort the transaction');
    await Promise.all([before, after]);
    expect(visibleElsewhere()).toEqual(['kept', 'also kept']);
  });

  it('runs other statements after an open transaction, never inside it', async () => {
    const order: string[] = [];
    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'tx-1' }).execute();
      order.push('tx-1');
      await new Promise((r) => setTimeout(r, 20));
      await trx.insertInto('items').values({ name: 'tx-2' }).execute();
      order.push('tx-2');
    });
    await new Promise((r) => setTimeout(r, 5));
    const outside = insert('outside').then(() => order.push('outside'));
    await Promise.all([tx, outside]);
    expect(order).toEqual(['tx-1', 'tx-2', 'outside']);
    expect(visibleElsewhere()).toEqual(['tx-1', 'tx-2', 'outside']);
  });

  it('answers a committed transaction only once its batch is durable', async () => {
    const tx = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'in-tx' }).execute();
      return 'done';
    });
    await expect(tx).resolves.toBe('done');
    expect(visibleElsewhere()).toEqual(['in-tx']);
  });

  it('commits what is pending when the database is closed', async () => {
    const connection = new BetterSqlite3(file);
    const driver = new GroupCommitSqliteDriver(connection);
    const session = await driver.acquireConnection();
    const pending = session.executeQuery(CompiledQuery.raw(`INSERT INTO items (name) VALUES ('last')`, []));
    await driver.destroy();
    await pending;
    expect(visibleElsewhere()).toEqual(['last']);
  });
});
