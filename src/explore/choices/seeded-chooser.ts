import type { LoopTask } from '../../loop/loop.js';
import type { Chooser } from './chooser.js';
import type { WorldStream } from './streams.js';
import type { WorldDraws } from './world-draws.js';

/**
 * What the seeded policies (random and PCT) share: one injected cancel at the
 * cancellation point each drew from its seed, and the world's choices and
 * swarm parameters drawn from their own streams. Each subclass draws
 * `cancelAt` in its own constructor, where its seed's order of draws puts it.
 */
export abstract class SeededChooser implements Chooser {
  abstract readonly name: string;
  protected abstract readonly cancelAt: number;

  constructor(
    /** The world's choices and swarm parameters, drawn from their own streams. */
    private readonly world: WorldDraws | null,
  ) {}

  abstract chooseReady(count: number): number;
  abstract chooseTimer(count: number): number;

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
