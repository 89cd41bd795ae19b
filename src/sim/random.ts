import { Prng } from '../explore/choices/prng.js';
import type { ChoicePoints } from './choice-points.js';

/** How many seeds a run's random stream chooses among: every 32-bit integer. */
const SEEDS = 0x100000000;

/**
 * The seed of every host's `random()` in a run: ONE choice in the `random`
 * stream, uniform over 2^32 values, made the first time a host draws. It is
 * 0 in a run that does not explore and in the fault-free run, and a replay
 * line carries it (`random=...`), so a run's random numbers replay with it;
 * shrinking may lower it like any choice. A world whose hosts never draw
 * makes no such choice.
 */
export class RunSeed {
  private value: number | null = null;

  constructor(private readonly points: ChoicePoints) {}

  get(): number {
    this.value ??= this.points.exploring ? this.points.ask('random', 'seed', SEEDS) : 0;
    return this.value;
  }
}

/**
 * A host incarnation's own generator: from the run's seed, the host's name
 * and the incarnation number, so hosts draw independently of each other and
 * of the order in which they draw, and a restart draws afresh.
 *
 * @example
 * const prng = hostPrng(runSeed.get(), 'r1', 2);
 * prng.nextFloat();
 */
export function hostPrng(runSeed: number, name: string, incarnation: number): Prng {
  let hash = 0x811c9dc5; // FNV-1a over the name's UTF-16 code units
  for (let index = 0; index < name.length; index++) hash = Math.imul(hash ^ name.charCodeAt(index), 0x01000193) >>> 0;
  return Prng.forStream(runSeed, hash, incarnation);
}
