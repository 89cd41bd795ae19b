import type { LoopTask } from '../../loop/loop.js';
import type { Chooser } from './chooser.js';
import type { Prng } from './prng.js';
import type { WorldStream } from './streams.js';
import type { WorldDraws } from './world-draws.js';

/**
 * The `random` policy: every choice uniform among the candidates, from the
 * run's seeded generator. With a cancel target, one cancellation point of the
 * run, drawn uniformly from the `cancelPoints` the FIFO run met, gets the
 * injected cancel.
 *
 * @example
 * new RandomChooser(Prng.forRun(seed, runIndex), 0);
 */
export class RandomChooser implements Chooser {
  readonly name = 'random';
  private readonly cancelAt: number;

  constructor(
    private readonly prng: Prng,
    cancelPoints: number,
    /** The world's choices and swarm parameters, drawn from their own streams. */
    private readonly world: WorldDraws | null = null,
  ) {
    this.cancelAt = cancelPoints > 0 ? prng.nextInt(cancelPoints) : -1;
  }

  chooseReady(count: number): number {
    return this.prng.nextInt(count);
  }

  chooseTimer(count: number): number {
    return this.prng.nextInt(count);
  }

  injectCancel(_task: LoopTask, resumption: number): boolean {
    return resumption === this.cancelAt;
  }

  chooseWorld(stream: WorldStream, _kind: string, count: number, weights: readonly number[] | undefined): number {
    return this.world?.choose(stream, count, weights) ?? 0;
  }

  drawSwarm(_name: string, min: number, max: number): number {
    return this.world?.swarm(min, max) ?? min;
  }
}
