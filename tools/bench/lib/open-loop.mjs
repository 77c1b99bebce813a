// Open-loop load at a fixed rate: request i is due at t0 + i/rate and its latency counts from that
// moment, whether or not earlier answers came back (no coordinated omission). autocannon's
// overallRate sends each connection's per-second budget in one burst at the start of every second,
// which measures queueing behind the burst, so its rate mode is not used for p99 at a fixed rate.
import http from 'node:http';
import { sleep } from './rounds.mjs';

/**
 * @returns {Promise<{ latencies: number[], achieved: number, errors: number, statuses: Record<number, number> }>}
 */
export async function openLoop({ url, method = 'GET', headers = {}, body, rate, seconds, maxSockets = 256 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const target = new URL(url);
  const total = Math.round(rate * seconds);
  const latencies = [];
  const statuses = {};
  let errors = 0;
  const inflight = [];
  const t0 = performance.now() + 20;
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait - 0.5);
    inflight.push(
      new Promise((resolve) => {
        const req = http.request(target, { method, headers: body ? { ...headers, 'content-length': body.length } : headers, agent }, (res) => {
          res.on('data', () => undefined);
          res.on('end', () => {
            statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
            latencies.push(performance.now() - due);
            resolve();
          });
        });
        req.on('error', () => {
          errors++;
          resolve();
        });
        req.end(body);
      }),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  return { latencies, achieved: latencies.length / elapsed, errors, statuses };
}
