// Runs competing variants in the same process, alternating round by round (a, b, c, a, b, c, …),
// so drift of a shared machine hits every variant alike and ratios stay meaningful.

/**
 * @param variants {name: string, round: () => Promise<number | number[]>}[] already opened
 * @returns {Promise<Record<string, (number | number[])[]>>} per variant, one value per measured round
 */
export async function alternate(variants, { warmups, rounds, log = () => {} }) {
  for (let w = 0; w < warmups; w++) {
    for (const v of variants) await v.round();
  }
  const out = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const v of variants) {
      const value = await v.round();
      out[v.name].push(value);
      log(`  round ${r + 1}/${rounds} ${v.name}: ${Array.isArray(value) ? `${value.length} samples` : value.toFixed(1)}`);
    }
  }
  return out;
}

/** Runs `task` for `items` with at most `limit` in flight. */
export async function pool(items, limit, task) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items) }, async () => {
    while (next < items) await task(next++);
  });
  await Promise.all(workers);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
