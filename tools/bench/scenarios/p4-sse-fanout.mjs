// P4: SSE fan-out. N concurrent EventSource-like subscribers of GET /api/jobs/stream while job
// events are published at about 200/s (analyses of tiny images); delivery latency p99, from the
// event's write (its updated_at) to the moment the last subscriber received it.
import http from 'node:http';
import { multipart } from '../lib/fixtures.mjs';
import { hasAnalyzers, startServer } from '../lib/server.mjs';
import { sleep } from '../lib/rounds.mjs';
import { latencySummary, round } from '../lib/stats.mjs';
import { require } from '../lib/workspace.mjs';

const GOAL = 'delivery p99 ≤ 100 ms';
const TARGET_EVENTS_PER_S = 200;
const GRACE_MS = 3000;

/** One subscriber: parses only what it needs (ids; the probe also reads updated_at). */
function subscribe(url, agent, auth, onEvent, probe) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { ...auth, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk) => {
        const now = Date.now();
        buf += chunk;
        let end;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const msg = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const id = /^id: (.*)$/m.exec(msg)?.[1];
          if (!id || msg.includes('event: snapshot')) continue;
          let stamp;
          if (probe) stamp = /"updated_at":"([^"]+)"/.exec(msg)?.[1];
          onEvent(id, now, stamp);
        }
      });
      resolve(() => req.destroy());
    });
    req.on('error', (e) => (e.code === 'ECONNRESET' ? undefined : reject(e)));
  });
}

export default {
  id: 'P4',
  title: 'SSE fan-out (subscribers × 200 events/s)',
  goals: [GOAL],
  async run({ quick, log }) {
    const clients = Number(process.env.BENCH_P4_CLIENTS ?? (quick ? 200 : 1000));
    const seconds = quick ? 3 : 8;
    const rounds = quick ? 1 : 2;
    const sharp = require('sharp');
    const tiny = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#a0522d' } }).jpeg().toBuffer();
    const server = await startServer({ env: { OFFLINE_LATENCY_MS: '300', ANALYSIS_CACHE_TTL_MS: '0', WORKER_CONCURRENCY: '16' } });
    try {
      if (!(await hasAnalyzers(server))) return { skipped: true, goals: [{ label: GOAL, value: null, met: null, note: 'not available yet: the server has no /api/analyzers' }] };
      const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
      const seen = new Map(); // id -> { count, last, stamp }
      const record = (id, at, stamp) => {
        let s = seen.get(id);
        if (!s) seen.set(id, (s = { count: 0, last: 0, stamp: undefined }));
        s.count++;
        if (at > s.last) s.last = at;
        if (stamp) s.stamp = Date.parse(stamp);
      };
      const closers = [];
      closers.push(await subscribe(`${server.url}/api/jobs/stream`, agent, server.auth, record, true));
      while (closers.length < clients) {
        const batch = Math.min(50, clients - closers.length);
        closers.push(...(await Promise.all(Array.from({ length: batch }, () => subscribe(`${server.url}/api/jobs/stream`, agent, server.auth, record, false)))));
      }
      log(`  ${clients} subscribers connected`);
      let n = 0;
      // Each analysis publishes several events; measure its yield, then pace POSTs to ~200 events/s.
      const post = () => {
        const { body, contentType } = multipart(Buffer.concat([tiny, Buffer.from(`#${n++}`)]));
        return fetch(`${server.url}/api/analyzers/hair-color/analyze?async_mode=true`, { method: 'POST', headers: { ...server.auth, 'content-type': contentType }, body }).then((r) => r.arrayBuffer());
      };
      const before = seen.size;
      for (let i = 0; i < 5; i++) await post();
      await sleep(1500);
      const perJob = Math.max(1, (seen.size - before) / 5);
      const postsPerS = TARGET_EVENTS_PER_S / perJob;
      log(`  about ${perJob.toFixed(1)} events per analysis: ${postsPerS.toFixed(1)} analyses/s`);
      const all = [];
      const rates = [];
      let incomplete = 0;
      for (let r = 0; r < rounds; r++) {
        seen.clear();
        const t0 = Date.now();
        let sent = 0;
        while (Date.now() - t0 < seconds * 1000) {
          const due = Math.floor(((Date.now() - t0) / 1000) * postsPerS);
          while (sent < due) {
            post().catch(() => undefined);
            sent++;
          }
          await sleep(5);
        }
        // A bounded grace period: an event not at every subscriber by then counts with at least
        // its age at the cut-off (a lower bound), so a server that falls behind cannot look fast.
        const cutoff = Date.now() + GRACE_MS;
        while (Date.now() < cutoff && [...seen.values()].some((x) => x.count < clients)) await sleep(100);
        const end = Date.now();
        const samples = [];
        let late = 0;
        for (const x of seen.values()) {
          if (x.stamp === undefined || x.stamp < t0) continue;
          if (x.count < clients) {
            late++;
            samples.push(end - x.stamp);
          } else samples.push(x.last - x.stamp);
        }
        incomplete += late;
        rates.push(samples.length / seconds);
        all.push(samples);
        const sum = latencySummary([samples]);
        log(`  round ${r + 1}: ${samples.length} events (${(samples.length / seconds).toFixed(0)}/s), delivery p50 ${sum.p50} ms, p99 ${sum.p99} ms${late ? `, ${late} not at every subscriber after ${GRACE_MS} ms` : ''}`);
        await sleep(1000);
      }
      closers.forEach((c) => c());
      agent.destroy();
      const s = latencySummary(all);
      const rate = rates.reduce((a, b) => a + b, 0) / rates.length;
      return {
        metrics: [{ key: 'delivery_ms', label: `delivery to all ${clients} subscribers`, unit: 'ms', ...s }, { key: 'events_per_s', label: 'events published', unit: '/s', median: round(rate, 0) }],
        goals: [{ label: GOAL, unit: 'ms', value: s.p99, min: s.p99Rounds.min, max: s.p99Rounds.max, met: s.p99 <= 100, note: `${clients} subscribers, ${rate.toFixed(0)} events/s${incomplete ? `, ${incomplete} events not at every subscriber within ${GRACE_MS / 1000} s (counted at their age then)` : ''}` }],
        notes: [
          `${clients} subscribers in the bench process (one socket each), events from analyses of a 32×32 JPEG (OFFLINE_LATENCY_MS=300); latency = last subscriber's receive time − the event's updated_at (ms clock, same machine).`,
        ],
      };
    } finally {
      await server.stop();
    }
  },
};
