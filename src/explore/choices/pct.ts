import type { LoopTask } from '../../loop/loop.js';
import { getRunningLoop } from '../../loop/running.js';
import type { Prng } from './prng.js';
import type { WorldDraws } from './world-draws.js';
import { SeededChooser } from './seeded-chooser.js';
import { readyOwners } from './ready-owners.js';

/** What PCT needs to know of the program, measured on its FIFO run. */
export interface PctPlan {
  /** The bug depth d to aim at: d - 1 priority change points per run. At least 1. */
  readonly depth: number;
  /** The estimated number of steps k of a run: change points fall in [1, k]. */
  readonly steps: number;
}

/**
 * The `pct` policy: probabilistic concurrency testing (Burckhardt, Kothari,
 * Musuvathi and Nagarakatte, ASPLOS 2010). Each task gets a random priority
 * of at least d when first seen; of the callbacks ready, the one whose task
 * has the highest priority runs first (callbacks that step no task run before
 * any task). At d - 1 steps drawn uniformly from [1, k], the task about to run
 * drops to priority i (the i-th change point), below every initial one. A
 * bug of depth d is then found in one run with probability at least
 * 1/(n·k^(d-1)) (see pctBound).
 *
 * Two departures from the paper, both forced by asyncio's loop: a change
 * point that falls on a step where nothing could be reordered takes effect at
 * the next choice point, and callbacks scheduled during an iteration wait for
 * the next one whatever their priority, as asyncio's `_run_once` makes them.
 * Timers due at the same instant keep FIFO order: the callbacks they queue
 * are reordered by priority in the next iteration.
 *
 * @example
 * new PctChooser(Prng.forRun(seed, runIndex), { depth: 3, steps: 120 }, 0);
 */
export class PctChooser extends SeededChooser {
  readonly name = 'pct';
  private readonly priorities = new Map<LoopTask, number>();
  /** Step numbers, ascending, at which the running task's priority drops. */
  private readonly changePoints: number[] = [];
  private changesMade = 0;
  protected readonly cancelAt: number;

  constructor(
    private readonly prng: Prng,
    private readonly plan: PctPlan,
    cancelPoints: number,
    /** The world's choices and swarm parameters, drawn from their own streams as the random policy draws them. */
    world: WorldDraws | null = null,
  ) {
    super(world);
    if (!Number.isInteger(plan.depth) || plan.depth < 1) throw new RangeError(`pct depth must be an integer ≥ 1, got ${plan.depth}`);
    const steps = Math.max(1, Math.floor(plan.steps));
    for (let i = 1; i < plan.depth; i++) this.changePoints.push(1 + prng.nextInt(steps));
    this.changePoints.sort((a, b) => a - b);
    this.cancelAt = cancelPoints > 0 ? prng.nextInt(cancelPoints) : -1;
  }

  chooseReady(count: number): number {
    const loop = getRunningLoop();
    const owners = readyOwners(loop, count);
    const step = loop.steps() + 1;
    while (this.changesMade < this.changePoints.length && (this.changePoints[this.changesMade] as number) <= step) {
      this.changesMade++;
      const first = this.highest(owners, false);
      if (first >= 0) this.priorities.set(owners[first] as LoopTask, this.changesMade);
    }
    return Math.max(0, this.highest(owners, true));
  }

  chooseTimer(): number {
    return 0;
  }

  /** Index of the highest-priority candidate (the first of equals); -1 if none qualifies. */
  private highest(owners: ReadonlyArray<LoopTask | null>, includeUnowned: boolean): number {
    let best = -1;
    let bestPriority = -Infinity;
    owners.forEach((owner, index) => {
      if (owner === null && !includeUnowned) return;
      const priority = owner === null ? Infinity : this.priorityOf(owner);
      if (priority > bestPriority) {
        best = index;
        bestPriority = priority;
      }
    });
    return best;
  }

  /** A task's priority, drawn the first time it is asked: d plus a random fraction, so all differ. */
  private priorityOf(task: LoopTask): number {
    let priority = this.priorities.get(task);
    if (priority === undefined) {
      priority = this.plan.depth + this.prng.nextUint32() / 0x100000000;
      this.priorities.set(task, priority);
    }
    return priority;
  }
}

/**
 * PCT's guarantee for `runs` runs over a program of `tasks` tasks (n) and
 * about `steps` steps (k), at depth d: each run finds a given depth-d bug with
 * probability at least 1/(n·k^(d-1)), so all of them miss it with
 * probability at most (1 - that)^runs.
 *
 * @example
 * pctBound({ tasks: 3, steps: 40, depth: 2, runs: 100 }).perRun; // 1/120
 */
export function pctBound(input: { tasks: number; steps: number; depth: number; runs: number }): {
  perRun: number;
  missAfterRuns: number;
} {
  const tasks = Math.max(1, input.tasks);
  const steps = Math.max(1, input.steps);
  const perRun = 1 / (tasks * steps ** (input.depth - 1));
  return { perRun, missAfterRuns: (1 - perRun) ** input.runs };
}
