import { CHOICE_STREAMS, streamIndex, type WorldStream } from './streams.js';
import { Prng } from './prng.js';

/** The stream index past the choice streams from which a run's swarm parameters are drawn. */
const SWARM_STREAM = CHOICE_STREAMS.length;

/**
 * The seeded draws of a run's world choices and swarm parameters, one
 * generator per stream, made when first needed: what the random and pct
 * policies answer when the world asks. A choice is drawn by its weights (the
 * swarm's odds), or uniformly without them.
 *
 * @example
 * const draws = new WorldDraws(seed, runIndex);
 * draws.choose('net', 2, [0.9, 0.1]); // 1 (drop) about one time in ten
 */
export class WorldDraws {
  private readonly prngs: Array<Prng | undefined> = [];

  constructor(
    private readonly seed: number,
    private readonly runIndex: number,
  ) {}

  /** An index in [0, count), by `weights` when given (non-negative, not all zero), else uniform. */
  choose(stream: WorldStream, count: number, weights: readonly number[] | undefined): number {
    const prng = this.prng(streamIndex(stream));
    if (weights === undefined) return prng.nextInt(count);
    let total = 0;
    for (const weight of weights) total += weight;
    if (!(total > 0)) return 0;
    let point = prng.nextFloat() * total;
    for (let index = 0; index < count; index++) {
      point -= weights[index] ?? 0;
      if (point < 0) return index;
    }
    return count - 1;
  }

  /** A swarm parameter in [min, max], uniform. */
  swarm(min: number, max: number): number {
    return min + (max - min) * this.prng(SWARM_STREAM).nextFloat();
  }

  private prng(stream: number): Prng {
    return (this.prngs[stream] ??= Prng.forStream(this.seed, this.runIndex, stream));
  }
}
