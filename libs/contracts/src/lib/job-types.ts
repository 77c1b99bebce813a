/**
 * The one registry of job types: type -> payload -> result. Producers, handlers and the
 * console agree on these at compile time.
 */
export interface AnalyzePayload {
  analyzer: string;
  image_id: string;
  preset_name?: string;
}

export interface AnalyzeResult {
  preset_id: string;
  analyzer: string;
  data: Record<string, unknown>;
  provider?: string;
  model?: string;
}

export interface ComprehensiveAnalyzePayload {
  analyzers: string[];
  image_id: string;
  preset_name?: string;
}

export interface ComprehensiveAnalyzeResult {
  preset_ids: string[];
  failed?: string[];
}

export interface GenerateImagePayload {
  preset_id: string;
  prompt?: string;
}

export interface GenerateImageResult {
  image_id: string;
  preset_id: string;
  provider: string;
  model: string;
}

export interface GenerateThumbnailPayload {
  image_id: string;
}

export interface GenerateThumbnailResult {
  image_id: string;
  thumbnail_bytes: number;
}

export interface BatchPayload {
  description?: string;
  /** The analyzers run on each image (POST /api/batches): one makes each child an `analyze`, more a `comprehensive_analyze`. */
  analyzers?: string[];
  /** How many images the batch holds (one child each). */
  images?: number;
}

export interface BatchResult {
  completed_ids: string[];
  failed_ids: string[];
}

/** One attempt series of a webhook delivery (libs/integrations): the delivery log row it works for. */
export interface DeliverWebhookPayload {
  delivery_id: string;
}

export interface DeliverWebhookResult {
  delivery_id: string;
  /** `delivered`: answered 2xx; `skipped`: nothing sent (the delivery or its webhook was deleted, or a newer series took it over). */
  outcome: 'delivered' | 'skipped';
  response_code: number | null;
  latency_ms: number | null;
  reason?: string;
}

export interface JobTypeRegistry {
  analyze: { payload: AnalyzePayload; result: AnalyzeResult };
  comprehensive_analyze: { payload: ComprehensiveAnalyzePayload; result: ComprehensiveAnalyzeResult };
  generate_image: { payload: GenerateImagePayload; result: GenerateImageResult };
  generate_thumbnail: { payload: GenerateThumbnailPayload; result: GenerateThumbnailResult };
  batch: { payload: BatchPayload; result: BatchResult };
  deliver_webhook: { payload: DeliverWebhookPayload; result: DeliverWebhookResult };
}

export type JobType = keyof JobTypeRegistry;
export type JobPayload<T extends JobType = JobType> = JobTypeRegistry[T]['payload'];
export type JobResult<T extends JobType = JobType> = JobTypeRegistry[T]['result'];

export const JOB_TYPES: readonly JobType[] = [
  'analyze',
  'comprehensive_analyze',
  'generate_image',
  'generate_thumbnail',
  'batch',
  'deliver_webhook',
];

export function isJobType(value: string): value is JobType {
  return (JOB_TYPES as readonly string[]).includes(value);
}
