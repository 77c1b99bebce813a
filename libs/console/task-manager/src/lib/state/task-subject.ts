/** What a job works on, so that cards of the same kind can be told apart: its image and its names. */
import type { Job } from '@atelier/contracts';

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** The image a card shows as its thumbnail: the analysed one, or the generated one once it exists. */
export function imageIdOf(job: Job): string | null {
  const input = job.input as { image_id?: unknown };
  if (text(input.image_id)) return text(input.image_id);
  const result = job.result as { image_id?: unknown } | null;
  return result ? text(result.image_id) : null;
}

/** "“Evening look” · portrait.jpg": the preset name asked for and the uploaded file's name, when known. */
export function subjectOf(job: Job): string | null {
  const presetName = text((job.input as { preset_name?: unknown }).preset_name);
  const count = job.child_ids.length;
  const fileName = job.type === 'batch' ? `${count} ${count === 1 ? 'image' : 'images'}` : text(job.metadata['file_name']);
  const parts = [presetName ? `“${presetName}”` : null, fileName].filter((p): p is string => p !== null);
  return parts.length ? parts.join(' · ') : null;
}

/** "Hair color analysis of photo.jpg": the title, and the file it works on when known. */
export function nameOf(job: Job): string {
  const file = text(job.metadata['file_name']);
  return file ? `${job.title} of ${file}` : job.title;
}
