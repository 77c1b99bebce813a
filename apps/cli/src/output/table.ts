import { visibleLength } from './style';

/** Columns aligned by their widest cell, two spaces apart; the last column is not padded. */
export function formatTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => visibleLength(row[col] ?? ''))));
  return all.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : pad(cell, widths[col]))).join('  ').trimEnd()).join('\n');
}

/** Label: value lines with the labels aligned, for one record (`jobs get`, `whoami`). */
export function formatFields(fields: [string, string][]): string {
  const width = Math.max(...fields.map(([label]) => label.length)) + 1;
  return fields.map(([label, value]) => `${`${label}:`.padEnd(width)} ${value}`).join('\n');
}

function pad(cell: string, width: number): string {
  return cell + ' '.repeat(Math.max(0, width - visibleLength(cell)));
}
