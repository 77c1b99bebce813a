import type { SqlDialectName } from './schema';

/**
 * The search text of job `id` (an SQL expression naming a job id), from its row in `jobs` and its
 * presets: lower-cased and one per line, the title, the preset name asked for, the upload's file
 * name and the names of the presets the job made (`job_search.body`, migration 011).
 */
export function jobSearchBodySql(dialect: SqlDialectName, id: string): string {
  if (dialect === 'postgres') {
    return `(SELECT lower(j.title) || E'\\n' || coalesce(lower(j.input::json->>'preset_name'), '') || E'\\n' || coalesce(lower(j.metadata::json->>'file_name'), '')
      || coalesce((SELECT string_agg(E'\\n' || lower(p.name), '') FROM presets p WHERE p.job_id = j.id), '') FROM jobs j WHERE j.id = ${id})`;
  }
  return `(SELECT lower(j.title) || char(10) || coalesce(lower(json_extract(j.input, '$.preset_name')), '') || char(10) || coalesce(lower(json_extract(j.metadata, '$.file_name')), '')
    || coalesce((SELECT group_concat(char(10) || lower(p.name), '') FROM presets p WHERE p.job_id = j.id), '') FROM jobs j WHERE j.id = ${id})`;
}
