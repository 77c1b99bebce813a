// A share of P4's SSE subscribers, in a process of its own (forked by sse-subscribers.mjs): each
// process reads its sockets on its own event loop, so one loop reading 1,000 sockets does not
// stand in the way of the latency it measures. Not a scenario.
import http from 'node:http';

const { url, auth, clients, probe } = JSON.parse(process.argv[2]);
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
/** Event id → { count, last, stamp }: how many of this process's subscribers received it, the last one's receive time (epoch ms), and its updated_at. */
let seen = new Map();
const requests = [];

/** The receive time on the machine's clock (the event's updated_at is on the same one), below the millisecond. */
const now = () => performance.timeOrigin + performance.now();

function record(id, at, stamp) {
  let s = seen.get(id);
  if (!s) seen.set(id, (s = { count: 0, last: 0, stamp: undefined }));
  s.count++;
  if (at > s.last) s.last = at;
  if (stamp) s.stamp = Date.parse(stamp);
}

/** One subscriber: parses only what it needs (ids; the probe also reads updated_at). */
function subscribe(isProbe) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { ...auth, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk) => {
        const at = now();
        buf += chunk;
        let end;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const msg = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const id = /^id: (.*)$/m.exec(msg)?.[1];
          if (!id || msg.includes('event: snapshot')) continue;
          record(id, at, isProbe ? /"updated_at":"([^"]+)"/.exec(msg)?.[1] : undefined);
        }
      });
      resolve();
    });
    requests.push(req);
    req.on('error', (e) => (e.code === 'ECONNRESET' ? undefined : reject(e)));
  });
}

const answers = {
  /** Distinct events seen, and how many of them have not reached every subscriber of this process yet. */
  progress: () => {
    let incomplete = 0;
    for (const s of seen.values()) if (s.count < clients) incomplete++;
    return { ids: seen.size, incomplete };
  },
  /** Everything recorded since the last collect, as [id, count, last, stamp] rows; starts afresh. */
  collect: () => {
    const rows = [...seen].map(([id, s]) => [id, s.count, s.last, s.stamp]);
    seen = new Map();
    return { rows };
  },
  close: () => {
    for (const req of requests) req.destroy();
    agent.destroy();
    setImmediate(() => process.disconnect());
    return {};
  },
};

process.on('message', ({ seq, ask }) => process.send({ seq, ...answers[ask]() }));

try {
  if (probe) await subscribe(true);
  while (requests.length < clients) {
    const batch = Math.min(50, clients - requests.length);
    await Promise.all(Array.from({ length: batch }, () => subscribe(false)));
  }
  process.send({ seq: 0, connected: requests.length });
} catch (err) {
  process.send({ seq: 0, error: err.message });
}
