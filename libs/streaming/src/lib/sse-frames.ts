// The bytes of the event stream, in the layout Nest's @Sse wrote (event, id, data), so the wire stays the same.
import type { JobEvent, JobSnapshot } from '@atelier/contracts';

/** Nest opened every stream with an empty line; kept so the first chunk a client sees is unchanged. */
export const STREAM_PREAMBLE = Buffer.from('\n');

export const PING_FRAME = Buffer.from(': ping\n\n');

const frames = new WeakMap<JobEvent, Buffer>();

/**
 * An event's frame, encoded once however many streams send it: the broadcaster and every replay of
 * the same event object (the in-memory ring hands out the objects it was published with) share it.
 */
export function eventFrame(event: JobEvent): Buffer {
  let frame = frames.get(event);
  if (frame === undefined) {
    frame = Buffer.from(`event: ${event.event}\nid: ${event.id}\ndata: ${JSON.stringify(event.data)}\n\n`);
    frames.set(event, frame);
  }
  return frame;
}

export function snapshotFrame(cursor: string, snapshot: JobSnapshot): Buffer {
  return Buffer.from(`event: snapshot\nid: ${cursor}\ndata: ${JSON.stringify(snapshot)}\n\n`);
}
