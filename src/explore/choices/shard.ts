import { showValue } from '../../show.js';

/**
 * A deterministic share of an exploration's runs: shard `index` of `count`
 * (1-based, as CI matrices count) takes the runs whose index is congruent to
 * index - 1 modulo count. Every run's schedule depends only on the seed and
 * its index, so the shards together make exactly the runs of one machine.
 *
 * @example
 * parseShard('2/4'); // { index: 2, count: 4 }: runs 1, 5, 9, ...
 */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Reads `i/n`; throws RangeError for anything else.
 *
 * @example
 * explore(main, { runs: 10_000, shard: parseShard(process.env.SHARD ?? '1/1') });
 */
export function parseShard(text: string): Shard {
  const match = /^([1-9][0-9]*)\/([1-9][0-9]*)$/.exec(text.trim());
  if (match === null) throw new RangeError(`a shard is i/n with 1 ≤ i ≤ n, such as 2/4; got ${showValue(text)}`);
  return checkShard({ index: Number(match[1]), count: Number(match[2]) });
}

export function checkShard(shard: Shard): Shard {
  const { index, count } = shard;
  if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(index) || index < 1 || index > count) {
    throw new RangeError(`a shard is i/n with 1 ≤ i ≤ n, got ${index}/${count}`);
  }
  return { index, count };
}

/** Whether run `runIndex` belongs to `shard` (every run does when there is no shard). */
export function inShard(shard: Shard | null, runIndex: number): boolean {
  return shard === null || runIndex % shard.count === shard.index - 1;
}

/** The shard's run indices below `runs`, ascending. */
export function* shardRuns(shard: Shard | null, runs: number): Generator<number> {
  const first = shard === null ? 0 : shard.index - 1;
  const stride = shard === null ? 1 : shard.count;
  for (let index = first; index < runs; index += stride) yield index;
}

/** How many of the shard's runs have an index ≤ `last`: the runs the shard needed to reach it. */
export function shardRunsThrough(shard: Shard | null, last: number): number {
  if (last < 0) return 0;
  if (shard === null) return last + 1;
  const first = shard.index - 1;
  return last < first ? 0 : Math.floor((last - first) / shard.count) + 1;
}

/** The branches of shard `index` of `count` (1-based), every count-th from index - 1; all of them without a shard. */
export function shardBranches(shard: Shard | null): (branches: number) => Generator<number> {
  return function* (branches) {
    for (let branch = shard === null ? 0 : shard.index - 1; branch < branches; branch += shard?.count ?? 1) yield branch;
  };
}
