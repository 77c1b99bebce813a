/** Measures a job stream over real HTTP: every event with its arrival time, and the bytes. */
import { request } from 'node:http';
import type { Job } from '@atelier/contracts';

export interface MeteredEvent {
  at: number;
  id?: string;
  event: string;
  job?: Job;
}

export class StreamMeter {
  readonly events: MeteredEvent[] = [];
  bytes = 0;
  private close?: () => void;

  static async open(url: string, headers: Record<string, string> = {}): Promise<StreamMeter> {
    const meter = new StreamMeter();
    await new Promise<void>((resolve, reject) => {
      const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          meter.bytes += Buffer.byteLength(chunk);
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            meter.parse(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        });
        res.on('error', () => undefined);
        resolve();
      });
      req.on('error', reject);
      req.end();
      meter.close = () => req.destroy();
    });
    return meter;
  }

  private parse(block: string): void {
    const e: MeteredEvent = { at: performance.now(), event: 'message' };
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('id:')) e.id = line.slice(3).trim();
      else if (line.startsWith('event:')) e.event = line.slice(6).trim();
      else if (line.startsWith('data:')) data += line.slice(5).trim();
    }
    if (!data) return;
    if (e.event.startsWith('job.') && e.event !== 'job.deleted') e.job = JSON.parse(data) as Job;
    this.events.push(e);
  }

  /** Most events that arrived within any one second (a sliding window over arrival times). */
  peakPerSecond(): number {
    let peak = 0;
    for (let first = 0, last = 0; last < this.events.length; last++) {
      while (this.events[last].at - this.events[first].at >= 1000) first++;
      peak = Math.max(peak, last - first + 1);
    }
    return peak;
  }

  /** Resolves once `done` holds, polling the events received so far. */
  async until(done: (events: MeteredEvent[]) => boolean, ms: number, what: string): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done(this.events)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${this.events.length} events so far)`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): void {
    this.close?.();
  }
}
