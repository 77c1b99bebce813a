import { CompiledQuery, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { migrateToLatest, openSqliteDatabase } from '@atelier/persistence';
import { KyselyJobStore } from './kysely-job-store';

/** The query plans SQLite picks for the store's statements (on a fresh file: no table statistics, as in production). */
describe('KyselyJobStore query plans (SQLite)', () => {
  it('reads the ends past retention by an index on finished_at, never by walking the whole table', async () => {
    const db = openSqliteDatabase(':memory:');
    try {
      await migrateToLatest(db, 'sqlite');
      const seen: { node: RootOperationNode; queryId: Parameters<KyselyPlugin['transformQuery']>[0]['queryId'] }[] = [];
      const recording: KyselyPlugin = {
        transformQuery: (args) => (seen.push(args), args.node),
        transformResult: async (args) => args.result,
      };
      await new KyselyJobStore(db.withPlugin(recording), 'sqlite').deleteFinishedBefore(new Date().toISOString(), 100);

      const select = seen.find((q) => q.node.kind === 'SelectQueryNode');
      expect(select).toBeDefined();
      const compiled = db.getExecutor().compileQuery(select!.node, select!.queryId);
      const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]));
      const steps = plan.rows.map((r) => r.detail);
      // One range search over an index led by finished_at (jobs_finished_idx or the stats one), no SCAN.
      expect(steps).toEqual([expect.stringMatching(/^SEARCH jobs USING (COVERING )?INDEX \w+ \(finished_at<\?\)$/)]);
    } finally {
      await db.destroy();
    }
  });
});
