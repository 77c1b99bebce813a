// SSE subscribers of GET /api/jobs/stream spread over child processes (sse-subscriber-process.mjs),
// so that reading 1,000 sockets is shared by as many event loops as the machine has cores, and
// the bench's own reading stays out of the delivery latency as far as it can.
import { fork } from 'node:child_process';

const CHILD = new URL('./sse-subscriber-process.mjs', import.meta.url);

/** One forked process and a request/answer channel to it. */
function spawnShare(options) {
  const child = fork(CHILD, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map();
  let seq = 0;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.on('message', (m) => {
    waiting.get(m.seq)?.resolve(m);
    waiting.delete(m.seq);
  });
  child.once('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`a subscriber process exited (${code})`));
    waiting.clear();
  });
  const answer = (id) => new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
  const connected = answer(0).then((m) => {
    if (m.error) throw new Error(m.error);
    return m.connected;
  });
  return {
    connected,
    exited,
    ask(what) {
      const id = ++seq;
      const reply = answer(id);
      child.send({ seq: id, ask: what });
      return reply;
    },
    kill: () => child.kill('SIGKILL'),
  };
}

/**
 * `clients` subscribers over `processes` processes; the first subscriber of the first process also
 * reads each event's updated_at. Resolves once every one has its stream open.
 */
export async function openSubscribers({ url, auth, clients, processes }) {
  const shares = Array.from({ length: processes }, (_, i) => {
    const count = Math.floor(clients / processes) + (i < clients % processes ? 1 : 0);
    return spawnShare({ url, auth, clients: count, probe: i === 0 });
  });
  try {
    await Promise.all(shares.map((s) => s.connected));
  } catch (err) {
    shares.forEach((s) => s.kill());
    throw err;
  }
  return {
    /** Distinct events seen by the first process, and events not yet at every subscriber of some process. */
    async progress() {
      const all = await Promise.all(shares.map((s) => s.ask('progress')));
      return { ids: all[0].ids, incomplete: Math.max(...all.map((p) => p.incomplete)) };
    },
    /** Event id → { count, last, stamp } over every process since the last collect: the last receive is the latest of them all. */
    async collect() {
      const seen = new Map();
      for (const { rows } of await Promise.all(shares.map((s) => s.ask('collect')))) {
        for (const [id, count, last, stamp] of rows) {
          const s = seen.get(id);
          if (!s) seen.set(id, { count, last, stamp });
          else {
            s.count += count;
            s.last = Math.max(s.last, last);
            s.stamp ??= stamp;
          }
        }
      }
      return seen;
    },
    async close() {
      await Promise.all(shares.map((s) => s.ask('close').catch(() => undefined)));
      await Promise.race([Promise.all(shares.map((s) => s.exited)), new Promise((r) => setTimeout(r, 2000))]);
      shares.forEach((s) => s.kill());
    },
  };
}
