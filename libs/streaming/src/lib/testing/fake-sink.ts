import { EventEmitter } from 'node:events';
import type { OutgoingHttpHeaders } from 'node:http';
import type { StreamSink } from '../job-stream-subscriber';

/** An HTTP response as a stream sees it: records what is written, and closes like a real one. */
export class FakeSink extends EventEmitter implements StreamSink {
  readonly chunks: Buffer[] = [];
  status?: number;
  headers?: OutgoingHttpHeaders;
  ended = false;
  destroyed = false;
  /** Bytes the "client" has not read yet; a test raises it to play a slow client. */
  writableLength = 0;
  /** Like an HTTP/1.1 response: `writeHead` turns chunked encoding on, and the socket takes raw writes. */
  chunkedEncoding = false;
  readonly socketChunks: Buffer[] = [];
  socket: { write(chunk: Buffer): boolean; readonly writableLength: number } | null = null;

  constructor(private readonly http11 = false) {
    super();
  }

  writeHead(status: number, headers: OutgoingHttpHeaders): this {
    this.status = status;
    this.headers = headers;
    if (this.http11) {
      this.chunkedEncoding = true;
      const unsent = () => this.writableLength;
      this.socket = {
        write: (chunk) => this.socketChunks.push(chunk) > 0,
        get writableLength() {
          return unsent();
        },
      };
    }
    return this;
  }

  write(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }

  cork(): void {}

  uncork(): void {}

  end(): this {
    this.ended = true;
    return this;
  }

  destroy(): this {
    this.destroyed = true;
    this.emit('close');
    return this;
  }

  /** Everything written, as the client would read it. */
  text(): string {
    return Buffer.concat(this.chunks).toString();
  }

  /** The ids of the events written, in order (the snapshot's included). */
  ids(): string[] {
    return [...this.text().matchAll(/^id: (.*)$/gm)].map((m) => m[1]);
  }
}
