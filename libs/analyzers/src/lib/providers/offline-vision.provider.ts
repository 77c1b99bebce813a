import { setTimeout as delay } from 'node:timers/promises';
import { measureImage } from '../offline/image-features';
import { VisionProvider, type VisionAnswer, type VisionRequest } from './vision-provider.port';

export const OFFLINE_PROVIDER = 'offline';
export const OFFLINE_MODEL = 'offline-pixel-stats-1';

const STAGES = ['Measuring the image', 'Quantising the palette', 'Mapping features to the schema'] as const;

/**
 * The provider used when no model is configured: deterministic, computed from the real pixels
 * with sharp. Its latency (OFFLINE_LATENCY_MS) is spread over a few progress stages so the
 * console shows a believable run in demos.
 */
export class OfflineVisionProvider extends VisionProvider {
  readonly name = OFFLINE_PROVIDER;
  readonly model = OFFLINE_MODEL;
  readonly stages = STAGES;

  constructor(private readonly latencyMs: number) {
    super();
  }

  async analyze(request: VisionRequest): Promise<VisionAnswer> {
    const features = await measureImage(request.image.data);
    const pause = this.latencyMs / STAGES.length;
    for (const i of STAGES.keys()) {
      await request.onStage?.(i);
      if (pause > 0) await pauseFor(pause, request.signal);
      request.signal.throwIfAborted();
    }
    return { output: request.analyzer.offline(features), model: this.model };
  }
}

/** Waits, or rejects with the signal's own reason (cancel, timeout) as soon as it aborts. */
async function pauseFor(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch (err) {
    signal.throwIfAborted();
    throw err;
  }
}
