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
  /** Progress inside the call, 0–1, with a label for the console. */
  onProgress?(fraction: number, label: string): Promise<void>;
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
  abstract analyze(request: VisionRequest): Promise<VisionAnswer>;
}
