import type { AnalyzerDefinition } from '../definitions/analyzer-definition';

export interface VisionImage {
  data: Buffer;
  mimeType: string;
}

export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}

export interface VisionRequest {
  /** The normalised image (oriented, metadata stripped, at most 2048 px). */
  image: VisionImage;
  analyzer: AnalyzerDefinition;
  /** Aborted on cancel, timeout or shutdown: the provider stops and its HTTP request is aborted. */
  signal: AbortSignal;
  /** Entering stage `index` of the provider's `stages` (0-based), so the console can count them as steps. */
  onStage?(index: number): Promise<void>;
  /** Set on the second try: why the first answer was rejected, so the model can correct it. */
  previousProblem?: string;
}

export interface VisionAnswer {
  /** The model's answer: JSON text, or an already-parsed value. Validated by the caller. */
  output: unknown;
  model: string;
  usage?: TokenUsage;
}

/** The port every vision backend implements: one image, one analyzer, one structured answer. */
export abstract class VisionProvider {
  /** "openai" or "offline": recorded on every preset. */
  abstract readonly name: string;
  /** The model name recorded on presets and used as the result-cache key. */
  abstract readonly model: string;
  /**
   * What the provider's call goes through, in order, as the console shows them ("Step 3/6:
   * Quantising the palette"). A provider with one opaque call has one stage; it reports each
   * stage as it enters it through `onStage`, the first one included or not (the handler shows
   * the first stage as the call starts).
   */
  abstract readonly stages: readonly string[];
  abstract analyze(request: VisionRequest): Promise<VisionAnswer>;
}
