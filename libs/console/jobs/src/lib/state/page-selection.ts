import type { Job } from '@atelier/contracts';

/** How much of a page is selected: for the "select all on this page" checkbox (checked, or indeterminate). */
export function pageSelection(jobs: readonly Job[], selected: ReadonlySet<string>): { readonly all: boolean; readonly some: boolean } {
  const count = jobs.filter((j) => selected.has(j.job_id)).length;
  const all = jobs.length > 0 && count === jobs.length;
  return { all, some: count > 0 && !all };
}
