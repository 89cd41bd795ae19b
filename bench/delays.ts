/**
 * W4's delays: a seeded pseudo-random sequence in 0..10,000 ms, with many
 * duplicates, identical for every implementation. mulberry32 is small,
 * fast and good enough to spread the delays; it is not cryptographic.
 */
export const MAX_DELAY_MS = 10_000;

let cachedKey = '';
let cached: Int32Array = new Int32Array(0);

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The delay of each task, by spawn index. Cached for the last (n, seed), so
 * the warm-up run pays for generating them and the measured runs do not.
 */
export function delaysFor(n: number, seed: number): Int32Array {
  const key = `${n}:${seed}`;
  if (key === cachedKey) return cached;
  const random = mulberry32(seed);
  const delays = new Int32Array(n);
  for (let i = 0; i < n; i++) delays[i] = Math.floor(random() * (MAX_DELAY_MS + 1));
  cachedKey = key;
  cached = delays;
  return delays;
}

/** The completion order W4 must produce: spawn indices sorted by (delay, spawn index). */
export function expectedOrder(n: number, seed: number): Int32Array {
  const delays = delaysFor(n, seed);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Counting sort by delay keeps equal delays in spawn order.
  const counts = new Int32Array(MAX_DELAY_MS + 2);
  for (let i = 0; i < n; i++) counts[(delays[i] as number) + 1]++;
  for (let d = 1; d < counts.length; d++) counts[d] = (counts[d] as number) + (counts[d - 1] as number);
  for (let i = 0; i < n; i++) order[counts[delays[i] as number]++] = i;
  return order;
}
