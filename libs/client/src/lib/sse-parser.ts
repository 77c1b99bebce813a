/** One Server-Sent Event as the WHATWG "event stream" rules dispatch it. */
export interface ServerSentEvent {
  /** The last `id:` seen on the stream so far (it carries over to events without one). */
  id: string | undefined;
  event: string;
  data: string;
  /** A `retry:` field (reconnection time in ms), when this event carried one. */
  retry?: number;
}

/**
 * Reads events from a text/event-stream body: comments (`: ping`) skipped, multi-line `data:` joined with
 * "\n", CR, LF and CRLF line ends, events split across chunks.
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>, lastEventId?: string): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let id = lastEventId;
  let event = '';
  let data: string[] = [];
  let retry: number | undefined;
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let end: RegExpExecArray | null;
      // A lone CR at the very end may be the first half of a CRLF: wait for more unless the stream ended.
      while ((end = /\r\n|\n|\r(?!$)/.exec(buffer)) || (done && (end = /\r/.exec(buffer)))) {
        const line = buffer.slice(0, end.index);
        buffer = buffer.slice(end.index + end[0].length);
        if (line === '') {
          if (data.length) yield { id, event: event || 'message', data: data.join('\n'), ...(retry !== undefined ? { retry } : {}) };
          event = '';
          data = [];
          retry = undefined;
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const text = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') data.push(text);
        else if (field === 'event') event = text;
        else if (field === 'id' && !text.includes('\0')) id = text;
        else if (field === 'retry' && /^\d+$/.test(text)) retry = Number(text);
      }
      if (done) return;
    }
  } finally {
    // Closes the connection when the reader stops early (a no-op once the stream ended).
    await reader.cancel().catch(() => undefined);
  }
}
