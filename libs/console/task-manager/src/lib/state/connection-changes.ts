import { effect, untracked, type EffectRef } from '@angular/core';
import type { JobsStream, StreamConnection } from '@atelier/console/data-access';

/** Calls `react(was, now)` on every change of the stream's connection state (in an injection context). */
export function onConnectionChange(stream: JobsStream, react: (was: StreamConnection, now: StreamConnection) => void): EffectRef {
  let previous = untracked(stream.connection);
  return effect(() => {
    const now = stream.connection();
    const was = previous;
    previous = now;
    if (was !== now) untracked(() => react(was, now));
  });
}
