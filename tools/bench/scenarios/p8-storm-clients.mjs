// P8's SSE clients, on a worker thread of their own: their reading of 1,000 streams must not delay
// the /api/health samples that the main thread takes meanwhile (the server's latency is measured,
// not the bench's). Started by p8-reconnect-storm.mjs; not a scenario.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, auth, clients, lastEventId, deadlineMs } = workerData;
const requests = [];
const END = Buffer.from('\n\n'); // a snapshot event ends with an empty line

/**
 * One client: connects, and reports when its first event (the snapshot) has arrived whole, and its
 * size. `keep` keeps that event's text, for the one client whose snapshot is parsed.
 */
function connect(agent, started, keep) {
  return new Promise((resolve) => {
    let bytes = 0;
    let lastByte = 0;
    const kept = [];
    const headers = { ...auth, accept: 'text/event-stream', 'last-event-id': lastEventId };
    const req = http.get(url, { agent, headers }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return resolve({ error: `status ${res.statusCode}` });
      }
      const onData = (chunk) => {
        // The stream opens with "\n" and then "event: snapshot", so the first "\n\n" ends the snapshot.
        const split = bytes > 1 && lastByte === END[0] && chunk[0] === END[0];
        const at = split ? -1 : chunk.indexOf(END);
        if (!split && at === -1) {
          bytes += chunk.length;
          lastByte = chunk[chunk.length - 1];
          if (keep) kept.push(chunk);
          return;
        }
        clearTimeout(timer);
        res.off('data', onData);
        res.on('data', () => undefined);
        // The snapshot's last byte is the second "\n", at `at + 1` of this chunk.
        if (keep) kept.push(chunk.subarray(0, at + 2));
        resolve({ ms: performance.now() - started, bytes: bytes + at + 2, text: keep ? Buffer.concat(kept).toString() : undefined });
      };
      res.on('data', onData);
    });
    requests.push(req);
    req.on('error', (err) => resolve({ error: err.code ?? err.message }));
    // Past the deadline the client gives up and hangs up, so the server stops working for it.
    const timer = setTimeout(() => {
      resolve({ error: `no snapshot within ${deadlineMs} ms` });
      req.destroy();
    }, deadlineMs - (performance.now() - started));
    req.once('close', () => clearTimeout(timer));
  });
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const started = performance.now();
const results = await Promise.all(Array.from({ length: clients }, (_, i) => connect(agent, started, i === 0)));
// One snapshot, parsed, tells what the clients were sent (every unfiltered client is sent the same).
const sample = results.find((r) => r.text)?.text;
let snapshot;
if (sample) {
  const data = /^data: (.*)$/m.exec(sample)?.[1];
  const parsed = data ? JSON.parse(data) : undefined;
  snapshot = parsed && { jobs: parsed.jobs.length, truncated: parsed.truncated === true };
}
parentPort.postMessage({ times: results.filter((r) => r.ms !== undefined).map((r) => r.ms), bytes: results.find((r) => r.bytes)?.bytes, errors: results.filter((r) => r.error).map((r) => r.error), snapshot });
parentPort.once('message', () => {
  for (const req of requests) req.destroy();
  agent.destroy();
  parentPort.postMessage('closed');
});
