import type { Prng } from './prng.js';
import type { WorldDraws } from './world-draws.js';
import { SeededChooser } from './seeded-chooser.js';

/**
 * The `random` policy: every choice uniform among the candidates, from the
 * run's seeded generator. With a cancel target, one cancellation point of the
 * run, drawn uniformly from the `cancelPoints` the FIFO run met, gets the
 * injected cancel.
 *
 * @example
 * new RandomChooser(Prng.forRun(seed, runIndex), 0);
 */
export class RandomChooser extends SeededChooser {
  readonly name = 'random';
  protected readonly cancelAt: number;

  constructor(
    private readonly prng: Prng,
    cancelPoints: number,
    /** The world's choices and swarm parameters, drawn from their own streams. */
    world: WorldDraws | null = null,
  ) {
    super(world);
    this.cancelAt = cancelPoints > 0 ? prng.nextInt(cancelPoints) : -1;
  }

  chooseReady(count: number): number {
    return this.prng.nextInt(count);
  }

  chooseTimer(count: number): number {
    return this.prng.nextInt(count);
  }
}
