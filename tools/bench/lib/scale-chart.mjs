// The P9 curves as a plain SVG (no chart library): p99 of each read, boot time and RSS against the
// history size on a log axis, SQLite as lines, PostgreSQL as open markers, goals as dashed lines.
import { join } from 'node:path';
import { root } from './workspace.mjs';

export const SCALE_CHART_FILE = join(root, 'docs/benchmarks-scale.svg');

const PANEL = { width: 300, height: 220, left: 52, right: 14, top: 34, bottom: 40 };
const SERIES = [
  { name: 'first page', color: '#1f77b4', value: (p) => p.first.p99 },
  { name: 'deep cursor', color: '#17becf', value: (p) => p.deep.p99 },
  { name: 'search (rare term)', color: '#d62728', value: (p) => p.searchRare.p99 },
  { name: 'search (common term)', color: '#ff7f0e', value: (p) => p.searchCommon.p99 },
  { name: 'stats, 7 days', color: '#9467bd', value: (p) => p.stats.p99 },
];
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
const countLabel = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const tickLabel = (v) => (v >= 1000 ? `${v / 1000}k` : String(v));

/** Scales of one panel: x log over the history sizes, y linear from 0 or log over decades. */
function scales(sizes, values, { log }) {
  const w = PANEL.width - PANEL.left - PANEL.right;
  const h = PANEL.height - PANEL.top - PANEL.bottom;
  const [lo, hi] = [Math.log10(Math.min(...sizes)), Math.log10(Math.max(...sizes))];
  const x = (n) => PANEL.left + (hi === lo ? w / 2 : ((Math.log10(n) - lo) / (hi - lo)) * w);
  const top = Math.max(...values);
  if (log) {
    const [d0, d1] = [Math.floor(Math.log10(Math.max(0.1, Math.min(...values)))), Math.ceil(Math.log10(top))];
    const d1Safe = d1 === d0 ? d0 + 1 : d1;
    const y = (v) => PANEL.top + h - ((Math.log10(Math.max(v, 10 ** d0)) - d0) / (d1Safe - d0)) * h;
    return { x, y, ticks: Array.from({ length: d1Safe - d0 + 1 }, (_, i) => 10 ** (d0 + i)) };
  }
  const step = 10 ** Math.floor(Math.log10(top || 1));
  const max = Math.ceil((top || 1) / step) * step;
  const y = (v) => PANEL.top + h - (v / max) * h;
  return { x, y, ticks: Array.from({ length: Math.round(max / step) + 1 }, (_, i) => i * step) };
}

/** One panel at offset `dx`: axes, goal lines, a line per series over SQLite, open markers for PostgreSQL. */
function panel(dx, title, points, series, goals, { log = false } = {}) {
  const sizes = [...new Set(points.map((p) => p.count))];
  const values = [...points.flatMap((p) => series.map((s) => s.value(p))), ...goals.map((g) => g.value)].filter((v) => Number.isFinite(v));
  const { x, y, ticks } = scales(sizes, values, { log });
  const out = [`<g transform="translate(${dx},0)">`, `<text x="${PANEL.left}" y="18" font-weight="bold">${esc(title)}</text>`];
  for (const t of ticks) {
    out.push(`<line x1="${PANEL.left}" x2="${PANEL.width - PANEL.right}" y1="${y(t)}" y2="${y(t)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${PANEL.left - 6}" y="${y(t) + 4}" text-anchor="end" fill="#555">${tickLabel(t)}</text>`);
  }
  for (const n of sizes) out.push(`<text x="${x(n)}" y="${PANEL.height - PANEL.bottom + 16}" text-anchor="middle" fill="#555">${countLabel(n)}</text>`);
  out.push(`<text x="${(PANEL.left + PANEL.width - PANEL.right) / 2}" y="${PANEL.height - 8}" text-anchor="middle" fill="#555">finished jobs in history</text>`);
  for (const g of goals) {
    out.push(`<line x1="${PANEL.left}" x2="${PANEL.width - PANEL.right}" y1="${y(g.value)}" y2="${y(g.value)}" stroke="${g.color ?? '#444'}" stroke-dasharray="5 4"/>`);
    out.push(`<text x="${PANEL.left + 4}" y="${y(g.value) - 4}" fill="${g.color ?? '#444'}">${esc(g.label)}</text>`);
  }
  for (const s of series) {
    const line = points.filter((p) => p.backend === 'SQLite').map((p) => [x(p.count), y(s.value(p))]);
    if (line.length > 1) out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${line.map((c) => c.join(',')).join(' ')}"/>`);
    for (const [cx, cy] of line) out.push(`<circle cx="${cx}" cy="${cy}" r="3.5" fill="${s.color}"/>`);
    for (const p of points.filter((q) => q.backend !== 'SQLite')) {
      out.push(`<rect x="${x(p.count) - 4}" y="${y(s.value(p)) - 4}" width="8" height="8" fill="white" stroke="${s.color}" stroke-width="2"/>`);
    }
  }
  out.push('</g>');
  return out.join('\n');
}

/** The whole chart: latency p99s, boot time and RSS, with a legend. */
export function scaleChartSvg(points, goals) {
  const width = PANEL.width * 3;
  const height = PANEL.height + 50;
  const legend = [...SERIES.map((s) => ({ ...s, marker: 'line' })), { name: 'SQLite (embedded): dots on lines', color: '#333', marker: 'dot' }, { name: 'PostgreSQL (distributed)', color: '#333', marker: 'square' }];
  const legendItems = legend.map((l, i) => {
    const lx = 12 + (i % 4) * 220;
    const ly = PANEL.height + 14 + Math.floor(i / 4) * 18;
    const mark =
      l.marker === 'line'
        ? `<line x1="${lx}" x2="${lx + 18}" y1="${ly - 4}" y2="${ly - 4}" stroke="${l.color}" stroke-width="2"/>`
        : l.marker === 'dot'
          ? `<circle cx="${lx + 9}" cy="${ly - 4}" r="3.5" fill="${l.color}"/>`
          : `<rect x="${lx + 5}" y="${ly - 8}" width="8" height="8" fill="white" stroke="${l.color}" stroke-width="2"/>`;
    return `${mark}<text x="${lx + 24}" y="${ly}">${esc(l.name)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    panel(0, 'p99 latency, ms (log scale)', points, SERIES, [
      { value: goals.pageMs, label: `goal ${goals.pageMs} ms (lists, search)`, color: '#d62728' },
      { value: goals.statsMs, label: `goal ${goals.statsMs} ms (stats)`, color: '#9467bd' },
    ], { log: true }),
    panel(PANEL.width, 'boot to healthy, s', points, [{ name: 'boot', color: '#2ca02c', value: (p) => p.bootMs / 1000 }], [{ value: goals.bootMs / 1000, label: `goal ${goals.bootMs / 1000} s` }]),
    panel(PANEL.width * 2, 'server RSS after the reads, MB', points, [{ name: 'RSS', color: '#8c564b', value: (p) => p.rssLoadMb }], [{ value: goals.rssMb, label: `goal ${goals.rssMb} MB` }]),
    ...legendItems,
    '</svg>',
    '',
  ].join('\n');
}
