// P5: comprehensive parallelism. Offline provider with a fixed 2 s latency; wall time of a
// comprehensive run of all eight analyzers as a ratio of one analysis (rounds alternate).
import { jpegOfSize } from '../lib/fixtures.mjs';
import { postAnalysis, waitForEnd } from '../lib/http.mjs';
import { hasAnalyzers, startServer } from '../lib/server.mjs';
import { acrossRounds, pairedRatio, round } from '../lib/stats.mjs';

const GOAL = 'comprehensive (8 analyzers) ≤ 1.3× one analysis';

/** A distinct image per request (no cache hit, no dedupe): the base JPEG with a different trailing comment byte run. */
function variant(base, i) {
  return Buffer.concat([base.subarray(0, base.length - 2), Buffer.from(`ATELIER-BENCH-${i}`), base.subarray(base.length - 2)]);
}

export default {
  id: 'P5',
  title: 'Comprehensive parallelism (8 analyzers, offline 2 s latency)',
  goals: [GOAL],
  async run({ quick, log }) {
    const rounds = quick ? 1 : 3;
    const base = await jpegOfSize(200);
    const server = await startServer({ env: { OFFLINE_LATENCY_MS: '2000', ANALYSIS_CACHE_TTL_MS: '0' } });
    try {
      if (!(await hasAnalyzers(server))) return { skipped: true, goals: [{ label: GOAL, value: null, met: null, note: 'not available yet: the server has no /api/analyzers' }] };
      let n = 0;
      const timeOf = async (analyzer) => {
        const t0 = performance.now();
        const id = await postAnalysis(server, analyzer, variant(base, n++));
        const job = await waitForEnd(server, id);
        if (job.status !== 'completed') throw new Error(`${analyzer} job ${id} ended ${job.status}: ${JSON.stringify(job.error)}`);
        return performance.now() - t0;
      };
      await timeOf('hair-color'); // warm-up (first sharp use, statements)
      const single = [];
      const comprehensive = [];
      for (let r = 0; r < rounds; r++) {
        single.push(await timeOf('hair-color'));
        comprehensive.push(await timeOf('comprehensive'));
        log(`  round ${r + 1}: one ${single.at(-1).toFixed(0)} ms, comprehensive ${comprehensive.at(-1).toFixed(0)} ms`);
      }
      const ratio = pairedRatio(comprehensive, single);
      return {
        metrics: [
          { key: 'single_ms', label: 'one analysis, POST → completed', unit: 'ms', ...acrossRounds(single) },
          { key: 'comprehensive_ms', label: 'comprehensive (8), POST → parent completed', unit: 'ms', ...acrossRounds(comprehensive) },
        ],
        goals: [{ label: GOAL, unit: '×', value: round(ratio.median), min: ratio.min, max: ratio.max, met: ratio.median <= 1.3 }],
        notes: ['OFFLINE_LATENCY_MS=2000, ANALYSIS_CACHE_TTL_MS=0, a distinct 200 KB JPEG per request, WORKER_CONCURRENCY default (8); completion seen by polling GET /api/jobs/{id} every 20 ms.'],
      };
    } finally {
      await server.stop();
    }
  },
};
