// Histograms read from the server's /metrics (Prometheus text format): the difference between two
// scrapes, and quantiles interpolated within a bucket (as Prometheus's histogram_quantile does).

/** The cumulative buckets (le in seconds → count) and the count of an unlabelled histogram `name`. */
export function parseHistogram(text, name) {
  const buckets = [];
  let count = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}_bucket{`)) {
      const le = /le="([^"]+)"/.exec(line)[1];
      buckets.push({ le: le === '+Inf' ? Infinity : Number(le), count: Number(line.slice(line.lastIndexOf(' ') + 1)) });
    } else if (line.startsWith(`${name}_count`)) count = Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  if (!buckets.length) throw new Error(`no histogram ${name} in /metrics`);
  return { buckets: buckets.sort((a, b) => a.le - b.le), count };
}

/** What was observed between two scrapes of the same histogram. */
export function histogramDelta(before, after) {
  return { buckets: after.buckets.map((b, i) => ({ le: b.le, count: b.count - (before.buckets[i]?.count ?? 0) })), count: after.count - before.count };
}

/**
 * The q-quantile (0–1) in milliseconds, interpolated linearly inside its bucket; NaN without
 * observations. Only as exact as the buckets: past the last finite bound it is that bound.
 */
export function histogramQuantileMs({ buckets, count }, q) {
  if (!count) return NaN;
  const rank = q * count;
  let lower = 0;
  let below = 0;
  for (const { le, count: cumulative } of buckets) {
    if (cumulative >= rank) {
      if (le === Infinity) return lower * 1000;
      const inBucket = cumulative - below;
      return (lower + (le - lower) * (inBucket ? (rank - below) / inBucket : 1)) * 1000;
    }
    lower = le;
    below = cumulative;
  }
  return lower * 1000;
}

async function scrape(url, headers) {
  const res = await fetch(`${url}/metrics`, { headers });
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  return res.text();
}

/** Scrapes the histograms `names` from `${url}/metrics`. */
export async function scrapeHistograms(url, headers, names) {
  const text = await scrape(url, headers);
  return Object.fromEntries(names.map((n) => [n, parseHistogram(text, n)]));
}

/** Scrapes the unlabelled gauges `names` (NaN when absent). */
export async function scrapeGauges(url, headers, names) {
  const text = await scrape(url, headers);
  return Object.fromEntries(names.map((n) => [n, Number(new RegExp(`^${n} (\\S+)`, 'm').exec(text)?.[1] ?? NaN)]));
}
