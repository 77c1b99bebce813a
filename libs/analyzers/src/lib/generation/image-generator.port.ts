import type { Preset } from '@atelier/contracts';

export interface GenerationRequest {
  preset: Preset;
  prompt: string;
  signal: AbortSignal;
}

export interface GeneratedImage {
  /** PNG bytes. */
  data: Buffer;
  width: number;
  height: number;
  model: string;
}

/** The port of image generation backends: a preset (and its prompt) in, a picture out. */
export abstract class ImageGenerator {
  abstract readonly name: string;
  abstract readonly model: string;
  abstract generate(request: GenerationRequest): Promise<GeneratedImage>;
}
