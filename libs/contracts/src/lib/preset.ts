import type { Job } from './job';

export interface Preset {
  preset_id: string;
  category: string;
  name: string;
  data: Record<string, unknown>;
  source_image_id: string | null;
  job_id: string | null;
  provider: string;
  model: string;
  created_at: string;
  /** The user who made it (Access). */
  owner: string | null;
}

export interface PresetList {
  presets: Preset[];
  next_cursor: string | null;
}

export interface AnalyzeSyncResponse {
  analyzer: string;
  result: Record<string, unknown>;
  preset: Preset;
  job_id: string;
}

export interface ComprehensiveSyncResponse {
  results: Record<string, Record<string, unknown>>;
  presets: Preset[];
  job_id: string;
}

export interface AsyncAcceptedResponse {
  job_id: string;
  status: 'queued';
  job: Job;
}
