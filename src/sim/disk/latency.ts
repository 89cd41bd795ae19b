/** How many buckets a latency's exponential tail is explored as. */
export const LATENCY_BUCKETS = 8;

/**
 * A latency of `minMs` plus an exponential tail of mean `meanMs - minMs`, as
 * a choice among 8 buckets: bucket k < 7 is `minMs + k·tail` with odds
 * 2^-(k+1), the geometric distribution, which is the exponential counted in
 * whole steps; bucket 7 holds the rest of the tail (odds 2^-7) at
 * `minMs + 8·tail`, which keeps the mean exactly `meanMs`. Bucket 0 is the
 * base latency, the fault-free answer. No tail (mean = min): one bucket.
 */
export class LatencyBuckets {
  /** The latency of each bucket. */
  readonly valuesMs: readonly number[];
  /** The odds of each bucket. */
  readonly weights: readonly number[];

  constructor(minMs: number, meanMs: number) {
    const tailMs = meanMs - minMs;
    if (tailMs === 0) {
      this.valuesMs = [minMs];
      this.weights = [1];
      return;
    }
    const last = LATENCY_BUCKETS - 1;
    this.valuesMs = Array.from({ length: LATENCY_BUCKETS }, (_, k) => minMs + (k === last ? k + 1 : k) * tailMs);
    this.weights = Array.from({ length: LATENCY_BUCKETS }, (_, k) => 2 ** -(k === last ? k : k + 1));
  }
}
