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
}

export interface BatchResult {
  completed_ids: string[];
  failed_ids: string[];
}

export interface JobTypeRegistry {
  analyze: { payload: AnalyzePayload; result: AnalyzeResult };
  comprehensive_analyze: { payload: ComprehensiveAnalyzePayload; result: ComprehensiveAnalyzeResult };
  generate_image: { payload: GenerateImagePayload; result: GenerateImageResult };
  generate_thumbnail: { payload: GenerateThumbnailPayload; result: GenerateThumbnailResult };
  batch: { payload: BatchPayload; result: BatchResult };
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
];

export function isJobType(value: string): value is JobType {
  return (JOB_TYPES as readonly string[]).includes(value);
}
