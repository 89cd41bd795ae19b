import type { LoopTask } from '../../loop/loop.js';
import { getRunningLoop } from '../../loop/running.js';
import type { StreamChoices, WorldStream } from '../choices/streams.js';

/**
 * Shrinking by who runs, not by index. A ready choice is an index among the
 * callbacks left, so changing one choice changes which task every later
 * choice of the run picks. These choosers name the candidates instead (the
 * task a callback steps, `host/name`, or `?` for a callback that steps
 * none), so a shrinking step can change the order of one iteration and keep
 * who runs before whom in every later one.
 *
 * A group is one iteration's ready choices (n, n - 1, ..., 2 candidates) or
 * one instant's timer choices, numbered in the order the run makes them
 * (cancellation points aside): a new group starts at a choice whose
 * candidates are not one fewer than the last one's.
 */

/**
 * How a guided run makes one group's choices: by index (`choices`), by who
 * runs (`order`: the first of the order still waiting runs next), by who
 * jumps ahead of whom (`jumps`: a task runs before the ones it jumped, the
 * others in FIFO order), or FIFO when none is given. Timers have no names:
 * their groups go by index.
 */
export interface GroupPlan {
  readonly choices?: readonly number[];
  readonly order?: readonly string[];
  readonly jumps?: readonly Jump[];
}

/** A task that ran before others that were ahead of it in the queue. */
export interface Jump {
  readonly name: string;
  readonly ahead: readonly string[];
}

/**
 * What a guided run follows: a plan per group, the cancels to inject (by
 * task and resumption), and the world's choices, by name (see worldKey;
 * a name not in the map answers 0) or, when `worldNamed` is absent, by
 * position in their streams.
 */
export interface GuidePlan {
  readonly groups: readonly (GroupPlan | undefined)[];
  readonly cancels: ReadonlySet<string>;
  readonly world: StreamChoices;
  readonly worldNamed?: ReadonlyMap<string, number>;
}

/** What a run did, by name: each group's choices, who ran in it and who jumped whom, the cancels it injected, the world's choices other than 0. */
export interface RunNames {
  readonly groups: Array<{ readonly kind: 'ready' | 'timer'; readonly choices: number[]; readonly order: string[]; readonly jumps: Jump[] }>;
  readonly cancels: Set<string>;
  readonly world: Map<string, number>;
}

/** The name of the task a ready callback steps: `host/name`, or `?` when it steps none. */
export function nameOf(task: LoopTask | null): string {
  // readyOwner names the task of a queued step, a wakeup or a due sleep; a world's own timer
  // (a message in flight, say) may come back in its place, and steps no task.
  if (task === null || typeof (task as Partial<LoopTask>).getName !== 'function') return '?';
  return task.owner === null ? task.getName() : `${task.owner.name}/${task.getName()}`;
}

/** Tracks where the run is: which group a choice belongs to, and each task's resumptions. */
export class GroupTracker {
  group = -1;
  private kind: 'ready' | 'timer' | null = null;
  private next = 0;
  private readonly resumptions = new Map<string, number>();

  /** Moves to the choice of `count` candidates; true when it opens a new group. */
  enter(kind: 'ready' | 'timer', count: number): boolean {
    if (this.kind === kind && this.next === count) {
      this.next = count - 1;
      return false;
    }
    this.group++;
    this.kind = kind;
    this.next = count - 1;
    return true;
  }

  /** `name#k`: the k-th resumption of the task named `name` in this run. */
  resumption(task: LoopTask): string {
    return this.nth(nameOf(task));
  }

  /**
   * `stream/kind/task#k`: the k-th choice of this stream and kind that the
   * running task (`?` outside any, in a callback) has asked for in this run.
   */
  worldKey(stream: WorldStream, kind: string): string {
    return this.nth(`${stream}/${kind}/${nameOf(getRunningLoop().currentTask)}`);
  }

  private nth(name: string): string {
    const count = this.resumptions.get(name) ?? 0;
    this.resumptions.set(name, count + 1);
    return `${name}#${count}`;
  }
}
