import type { LoopTask } from '../../loop/loop.js';
import { getRunningLoop } from '../../loop/running.js';
import type { Chooser } from '../choices/chooser.js';
import { streamIndex, type StreamChoices, type WorldStream } from '../choices/streams.js';

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
function nameOf(task: LoopTask | null): string {
  if (task === null) return '?';
  return task.owner === null ? task.getName() : `${task.owner.name}/${task.getName()}`;
}

/** Tracks where the run is: which group a choice belongs to, and each task's resumptions. */
class GroupTracker {
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

/**
 * Wraps a chooser and writes down, by name, what the run it chooses for
 * did (see RunNames): cheap, one name looked up per choice.
 *
 * @example
 * const names = new NameRecorder(new ScriptedChooser(streams));
 * executeRun(subject, names, cancel, checks, false);
 * names.names.groups[0]?.order; // ['worker-2', 'worker-0', 'worker-1']
 */
export class NameRecorder implements Chooser {
  readonly name: string;
  readonly names: RunNames = { groups: [], cancels: new Set(), world: new Map() };
  private readonly tracker = new GroupTracker();

  constructor(private readonly inner: Chooser) {
    this.name = inner.name;
  }

  chooseReady(count: number): number {
    const answer = this.inner.chooseReady(count);
    const group = this.groupFor('ready', count);
    const loop = getRunningLoop();
    const chosen = Math.min(answer, count - 1);
    const name = nameOf(loop.readyOwner(chosen));
    group.choices.push(chosen);
    group.order.push(name);
    if (chosen > 0) group.jumps.push({ name, ahead: Array.from({ length: chosen }, (_, offset) => nameOf(loop.readyOwner(offset))) });
    if (count === 2) group.order.push(nameOf(loop.readyOwner(1 - chosen)));
    return answer;
  }

  chooseTimer(count: number): number {
    const answer = this.inner.chooseTimer(count);
    this.groupFor('timer', count).choices.push(Math.min(answer, count - 1));
    return answer;
  }

  injectCancel(task: LoopTask, resumption: number): boolean {
    const key = this.tracker.resumption(task);
    const inject = this.inner.injectCancel(task, resumption);
    if (inject) this.names.cancels.add(key);
    return inject;
  }

  chooseWorld(stream: WorldStream, kind: string, count: number, weights: readonly number[] | undefined): number {
    const key = this.tracker.worldKey(stream, kind);
    const answer = this.inner.chooseWorld?.(stream, kind, count, weights) ?? 0;
    if (answer > 0) this.names.world.set(key, Math.min(answer, count - 1));
    return answer;
  }

  drawSwarm(name: string, min: number, max: number): number {
    return this.inner.drawSwarm?.(name, min, max) ?? min;
  }

  private groupFor(kind: 'ready' | 'timer', count: number): RunNames['groups'][number] {
    if (this.tracker.enter(kind, count)) this.names.groups.push({ kind, choices: [], order: [], jumps: [] });
    return this.names.groups[this.tracker.group] as RunNames['groups'][number];
  }
}

/**
 * Makes a run's choices from a GuidePlan: each group by index or by name
 * (the first task of the plan's order still waiting runs next; a name not
 * among the candidates is skipped), FIFO where the plan says nothing;
 * cancels where the plan names the task and resumption; the world's
 * choices by position in their streams.
 *
 * @example
 * new GuidedChooser({ groups: [{ choices: [0, 2] }, { order: ['b', 'a'] }], cancels: new Set(), world: [] });
 */
export class GuidedChooser implements Chooser {
  readonly name = 'guided';
  private readonly tracker = new GroupTracker();
  private pick = 0;
  /** The names of the current group's order not yet run. */
  private waiting: string[] = [];
  /** The current group's jumps not yet made. */
  private jumps: Jump[] = [];
  private readonly cursors: number[] = [];

  constructor(private readonly plan: GuidePlan) {}

  chooseReady(count: number): number {
    const plan = this.enter('ready', count);
    const pick = this.pick++;
    if (plan?.jumps !== undefined) return this.jump(count);
    if (plan?.order === undefined) return plan?.choices?.[pick] ?? 0;
    for (let at = 0; at < this.waiting.length; at++) {
      const offset = this.offsetOf(this.waiting[at] as string, count);
      if (offset < 0) continue;
      this.waiting.splice(at, 1);
      return offset;
    }
    return 0;
  }

  /** FIFO's first, unless a task waiting to jump it is among the candidates: then that one. */
  private jump(count: number): number {
    const first = nameOf(getRunningLoop().readyOwner(0));
    for (let at = 0; at < this.jumps.length; at++) {
      const jump = this.jumps[at] as Jump;
      if (!jump.ahead.includes(first)) continue;
      const offset = this.offsetOf(jump.name, count);
      if (offset < 0) continue;
      this.jumps.splice(at, 1);
      return offset;
    }
    return 0;
  }

  /** The first of the `count` candidates that steps the task named `name`, or -1. */
  private offsetOf(name: string, count: number): number {
    const loop = getRunningLoop();
    for (let offset = 0; offset < count; offset++) if (nameOf(loop.readyOwner(offset)) === name) return offset;
    return -1;
  }

  chooseTimer(count: number): number {
    return this.enter('timer', count)?.choices?.[this.pick++] ?? 0;
  }

  injectCancel(task: LoopTask): boolean {
    return this.plan.cancels.has(this.tracker.resumption(task));
  }

  chooseWorld(stream: WorldStream, kind: string): number {
    const key = this.tracker.worldKey(stream, kind);
    if (this.plan.worldNamed !== undefined) return this.plan.worldNamed.get(key) ?? 0;
    const index = streamIndex(stream);
    const at = this.cursors[index] ?? 0;
    this.cursors[index] = at + 1;
    return this.plan.world[index]?.[at] ?? 0;
  }

  drawSwarm(_name: string, min: number): number {
    return min;
  }

  private enter(kind: 'ready' | 'timer', count: number): GroupPlan | undefined {
    if (this.tracker.enter(kind, count)) {
      this.pick = 0;
      this.waiting = [...(this.plan.groups[this.tracker.group]?.order ?? [])];
      this.jumps = [...(this.plan.groups[this.tracker.group]?.jumps ?? [])];
    }
    return this.plan.groups[this.tracker.group];
  }
}
