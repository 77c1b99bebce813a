// Order statistics for the bench: percentiles over samples, and summaries across rounds.

/** Nearest-rank percentile (p in [0, 100]) of an unsorted array; NaN when empty. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const median = (values) => percentile(values, 50);

/** One metric over rounds: the median of the per-round values and their min–max. */
export function acrossRounds(values) {
  return {
    median: median(values),
    min: values.length ? Math.min(...values) : NaN,
    max: values.length ? Math.max(...values) : NaN,
    rounds: values.map((v) => round(v, 3)),
  };
}

/** Latency samples of several rounds: pooled p50/p99, and the per-round p99 range. */
export function latencySummary(roundsOfSamples) {
  const pooled = roundsOfSamples.flat();
  const p99s = roundsOfSamples.map((s) => percentile(s, 99));
  const p50s = roundsOfSamples.map((s) => percentile(s, 50));
  return {
    samples: pooled.length,
    p50: percentile(pooled, 50),
    p99: percentile(pooled, 99),
    max: pooled.length ? Math.max(...pooled) : NaN,
    p50Rounds: acrossRounds(p50s),
    p99Rounds: acrossRounds(p99s),
  };
}

export function round(value, digits = 2) {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Ratio of two round series measured alternately: the median of per-round ratios, with min–max. */
export function pairedRatio(numerators, denominators) {
  const n = Math.min(numerators.length, denominators.length);
  const ratios = [];
  for (let i = 0; i < n; i++) ratios.push(numerators[i] / denominators[i]);
  return acrossRounds(ratios);
}
