/**
 * Delays as a small fixed set of buckets, so that a delay is a choice with a
 * small domain: bucket 0 is always the shortest (the fault-free answer), and
 * what each bucket means depends only on the options, never on a swarm
 * value. A swarm value only weighs the buckets.
 */

/** How many latency buckets a message's latency is chosen among. */
export const LATENCY_BUCKETS = 8;

/** How many buckets a fault's duration (a partition, a clog, a downtime) is chosen among. */
export const DURATION_BUCKETS = 4;

/**
 * The latency of each bucket: bucket 0 is `minMs`; bucket k > 0 adds to it a
 * tail offset that doubles from bucket to bucket, the last reaching `maxMs`
 * (whole milliseconds, so traces stay readable).
 *
 * @example
 * latencyBuckets(1, 100); // [1, 3, 4, 7, 13, 26, 51, 100]
 */
export function latencyBuckets(minMs: number, maxMs: number): number[] {
  return tailOffsets(maxMs - minMs).map((offset) => minMs + offset);
}

/**
 * The odds of each latency bucket when the tail above the base latency is
 * exponential with mean `meanMs` (TigerBeetle's model): bucket k takes the
 * tail values from its offset up to the next bucket's. A mean of 0 puts
 * every message in bucket 0.
 *
 * @example
 * latencyWeights(1, 100, 0); // [1, 0, 0, 0, 0, 0, 0, 0]
 */
export function latencyWeights(minMs: number, maxMs: number, meanMs: number): number[] {
  const offsets = tailOffsets(maxMs - minMs);
  const below = (offset: number): number => (meanMs > 0 ? 1 - Math.exp(-offset / meanMs) : offset > 0 ? 1 : 0);
  return offsets.map((offset, index) => {
    const next = offsets[index + 1];
    const start = index === 0 ? 0 : below(offset);
    return (next === undefined ? 1 : below(next)) - start;
  });
}

/**
 * The durations of a fault, from `minMs` to `maxMs` in geometric steps
 * (each about the same factor longer than the one before).
 *
 * @example
 * durationBuckets(100, 2_700); // [100, 300, 900, 2700]
 */
export function durationBuckets(minMs: number, maxMs: number): number[] {
  const ratio = minMs > 0 ? maxMs / minMs : 0;
  return Array.from({ length: DURATION_BUCKETS }, (_, index) => {
    if (index === DURATION_BUCKETS - 1) return maxMs;
    if (index === 0 || minMs === 0) return minMs + ((maxMs - minMs) * index) / (DURATION_BUCKETS - 1);
    return Math.round(minMs * ratio ** (index / (DURATION_BUCKETS - 1)));
  });
}

/** 0, then offsets doubling up to `spanMs`: span / 64, span / 32, ..., span. */
function tailOffsets(spanMs: number): number[] {
  return Array.from({ length: LATENCY_BUCKETS }, (_, index) => (index === 0 ? 0 : Math.round(spanMs / 2 ** (LATENCY_BUCKETS - 1 - index))));
}
