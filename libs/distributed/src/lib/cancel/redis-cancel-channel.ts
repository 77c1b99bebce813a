import Redis from 'ioredis';
import { redisOptionsOf } from '../connections/redis-options';
import type { CancelChannel } from './cancel-channel';

/** Cancel signals over Redis pub/sub on `<prefix>:cancel`. */
export class RedisCancelChannel implements CancelChannel {
  private readonly channel: string;
  private readonly publisher: Redis;
  private subscriber?: Redis;

  constructor(
    private readonly url: string,
    prefix: string,
  ) {
    this.channel = `${prefix}:cancel`;
    this.publisher = new Redis(redisOptionsOf(url, { lazyConnect: true }));
  }

  async publish(jobId: string): Promise<void> {
    await this.publisher.publish(this.channel, jobId);
  }

  async subscribe(onCancel: (jobId: string) => void): Promise<void> {
    if (this.subscriber) return;
    this.subscriber = new Redis(redisOptionsOf(this.url));
    this.subscriber.on('message', (channel: string, message: string) => channel === this.channel && onCancel(message));
    this.subscriber.on('error', () => undefined);
    // ioredis re-subscribes by itself after a reconnect.
    await this.subscriber.subscribe(this.channel);
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    this.subscriber = undefined;
    this.publisher.disconnect();
  }
}
