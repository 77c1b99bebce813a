import { Injectable, type NestMiddleware } from '@nestjs/common';
import { Pacer } from './pacer';

/**
 * Lets stream requests into Nest's pipeline (guards, validation, the controller) a few at a time:
 * a reconnect storm's thousand requests then share the event loop with the other requests instead
 * of holding it for their whole way in (docs/benchmarks.md, P8).
 */
@Injectable()
export class StreamAdmission implements NestMiddleware {
  private readonly pacer = new Pacer();

  use(_req: unknown, _res: unknown, next: (error?: unknown) => void): void {
    this.pacer.run(next).catch(next);
  }
}
