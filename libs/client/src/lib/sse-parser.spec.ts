import { readServerSentEvents, type ServerSentEvent } from './sse-parser';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function read(chunks: string[], lastEventId?: string): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(streamOf(chunks), lastEventId)) events.push(event);
  return events;
}

describe('readServerSentEvents', () => {
  it('reads id, event and data, skipping comments', async () => {
    expect(await read([': ping\n\nid: 7\nevent: job.updated\ndata: {"a":1}\n\n'])).toEqual([{ id: '7', event: 'job.updated', data: '{"a":1}' }]);
  });

  it('joins events split across chunks, multi-line data, and CR, LF and CRLF line ends', async () => {
    const events = await read(['id: 1\r', '\nevent: snap', 'shot\rdata: a\r\ndata: b\n', '\n', 'data: c\r\r']);
    expect(events).toEqual([
      { id: '1', event: 'snapshot', data: 'a\nb' },
      { id: '1', event: 'message', data: 'c' },
    ]);
  });

  it('keeps the last id for events without one, starts from the given one, and reads retry', async () => {
    expect(await read(['retry: 2500\ndata: x\n\nid: 9\ndata: y\n\n'], '4')).toEqual([
      { id: '4', event: 'message', data: 'x', retry: 2500 },
      { id: '9', event: 'message', data: 'y' },
    ]);
  });

  it('dispatches nothing for an event without data or one cut off before its blank line', async () => {
    expect(await read(['event: job.updated\n\ndata: never ended'])).toEqual([]);
  });
});
