// P1: HTTP enqueue, POST /api/analyzers/hair-color/analyze?async_mode=true with a 200 KB JPEG,
// driven by autocannon against the built server: (a) open loop at 100 requests/s, (b) 50 clients closed loop.
import { jpegOfSize, multipart } from '../lib/fixtures.mjs';
import { hasAnalyzers, startServer } from '../lib/server.mjs';
import { openLoop } from '../lib/open-loop.mjs';
import { acrossRounds, latencySummary, percentile, round } from '../lib/stats.mjs';
import { require } from '../lib/workspace.mjs';

const PATH = '/api/analyzers/hair-color/analyze?async_mode=true';

function cannon(opts) {
  const autocannon = require('autocannon');
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

function check(result, what) {
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${what}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts of ${result.requests.total} requests`);
}

export default {
  id: 'P1',
  title: 'HTTP enqueue (POST analyze, async_mode, 200 KB JPEG)',
  goals: ['(a) 100 req/s open loop: p99 ≤ 20 ms', '(b) 50 clients closed loop: ≥ 500 req/s'],
  async run({ quick, log }) {
    const seconds = quick ? 2 : 10;
    const rounds = quick ? 1 : 3;
    const { body, contentType } = multipart(await jpegOfSize(200));
    const server = await startServer({ env: { OFFLINE_LATENCY_MS: '1500' } });
    try {
      if (!(await hasAnalyzers(server))) {
        return { skipped: true, goals: this.goals.map((label) => ({ label, value: null, met: null, note: 'not available yet: the server has no /api/analyzers' })) };
      }
      const base = { url: `${server.url}${PATH}`, method: 'POST', headers: { ...server.auth, 'content-type': contentType }, body, timeout: 10 };
      await cannon({ ...base, connections: 10, duration: quick ? 1 : 3 }); // warm-up
      const open = [];
      const achieved = [];
      for (let r = 0; r < rounds; r++) {
        const res = await openLoop({ url: base.url, method: 'POST', headers: base.headers, body, rate: 100, seconds });
        const bad = res.errors + res.latencies.length - (res.statuses[202] ?? 0);
        if (bad) throw new Error(`open loop: ${bad} of ${res.latencies.length + res.errors} requests failed (${JSON.stringify(res.statuses)}, ${res.errors} errors)`);
        open.push(res.latencies);
        achieved.push(res.achieved);
        log(`  open loop round ${r + 1}: ${res.achieved.toFixed(0)} req/s, p50 ${percentile(res.latencies, 50).toFixed(1)} ms, p99 ${percentile(res.latencies, 99).toFixed(1)} ms`);
      }
      const closed = [];
      const closedP99 = [];
      for (let r = 0; r < rounds; r++) {
        const res = await cannon({ ...base, connections: 50, duration: seconds });
        check(res, 'closed loop');
        closed.push(res.requests.total / seconds);
        closedP99.push(res.latency.p99);
        log(`  closed loop round ${r + 1}: ${(res.requests.total / seconds).toFixed(0)} req/s, p99 ${res.latency.p99} ms`);
      }
      const lat = latencySummary(open);
      const sat = acrossRounds(closed);
      return {
        metrics: [
          { key: 'open_ms', label: '(a) open loop 100 req/s, latency', unit: 'ms', ...lat },
          { key: 'open_rps', label: '(a) open loop, answers/s (target 100)', unit: 'req/s', ...acrossRounds(achieved) },
          { key: 'closed_rps', label: '(b) closed loop 50 clients, req/s', unit: 'req/s', ...sat },
          { key: 'closed_p99_ms', label: '(b) closed loop 50 clients, p99', unit: 'ms', ...acrossRounds(closedP99) },
          { key: 'server_rss_mb', label: 'server RSS after P1', unit: 'MB', median: round(server.rssMb(), 1) },
        ],
        goals: [
          { label: this.goals[0], unit: 'ms', value: lat.p99, min: lat.p99Rounds.min, max: lat.p99Rounds.max, met: lat.p99 <= 20, note: `p50 ${lat.p50.toFixed(1)} ms` },
          { label: this.goals[1], unit: 'req/s', value: round(sat.median, 0), min: sat.min, max: sat.max, met: sat.median >= 500 },
        ],
        notes: [`autocannon, ${seconds} s per round, ${rounds} round(s) each; open loop = one request due every 10 ms, latency counted from its due time (tools/bench/lib/open-loop.mjs); closed loop = autocannon, 50 connections. Jobs run in the same server process meanwhile (offline provider, WORKER_CONCURRENCY 8), as in embedded production. Every request carries an API key (Authorization: Bearer).`],
      };
    } finally {
      await server.stop();
    }
  },
};
