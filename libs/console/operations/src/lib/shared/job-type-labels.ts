import type { JobType } from '@atelier/contracts';

/** How job types read on the operator's pages. */
export const JOB_TYPE_LABELS: Readonly<Record<JobType, string>> = {
  analyze: 'Analysis',
  comprehensive_analyze: 'Comprehensive analysis',
  generate_image: 'Image generation',
  generate_thumbnail: 'Thumbnails',
  batch: 'Batch',
  deliver_webhook: 'Webhook deliveries',
};

export function jobTypeLabel(type: string): string {
  return (JOB_TYPE_LABELS as Readonly<Record<string, string>>)[type] ?? type;
}
