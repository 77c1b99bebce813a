/** How jobs read in a terminal: list rows, a detail view, and one line per stream event. */
import type { Job } from '@atelier/client';
import type { Style } from './style';
import { formatFields, formatTable } from './table';
import { presetIdsOf } from '../follow/outcomes';

export function percent(progress: number): string {
  return `${Math.round(progress * 100)}%`;
}

export function jobsTable(jobs: Job[], style: Style): string {
  return formatTable(
    ['JOB', 'TYPE', 'STATUS', 'PROGRESS', 'CREATED', 'TITLE'],
    jobs.map((j) => [j.job_id, j.type, style.status(j.status), percent(j.progress), j.created_at, j.title]),
  );
}

export function jobDetails(job: Job, style: Style): string {
  const fields: [string, string][] = [
    ['Job', job.job_id],
    ['Type', job.type],
    ['Title', job.title],
    ['Status', style.status(job.status)],
    ['Progress', `${percent(job.progress)} (step ${job.current_step}/${job.total_steps}${job.step_label ? `: ${job.step_label}` : ''})`],
    ['Priority', String(job.priority)],
    ['Attempts', `${job.attempts}/${job.max_attempts}`],
  ];
  const file = job.metadata['file_name'];
  if (typeof file === 'string') fields.push(['File', file]);
  if (job.parent_id) fields.push(['Parent', job.parent_id]);
  if (job.child_ids.length) fields.push(['Children', job.child_ids.join(', ')]);
  if (job.error) fields.push(['Error', style.paint('red', `${job.error.message} (${job.error.code}${job.error.retryable ? ', retryable' : ''})`)]);
  const presets = presetIdsOf(job);
  if (presets.length) fields.push(['Presets', presets.join(', ')]);
  fields.push(['Created', job.created_at], ['Started', job.started_at ?? '-'], ['Finished', job.finished_at ?? '-']);
  return formatFields(fields);
}

/** One stream event as a log line: time, event, job, status, progress and step. */
export function eventLine(event: string, job: Job, style: Style, at = new Date()): string {
  const time = at.toISOString().slice(11, 19);
  const step = job.status === 'running' && job.step_label ? ` · ${job.step_label}` : '';
  const error = job.error && job.status === 'failed' ? ` · ${job.error.message}` : '';
  return `${style.paint('gray', time)} ${event.padEnd(13)} ${job.job_id}  ${style.status(job.status)} ${percent(job.progress)}  ${job.title}${step}${error}`;
}
