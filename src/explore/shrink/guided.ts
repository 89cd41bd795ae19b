import type { LoopTask } from '../../loop/loop.js';
import { getRunningLoop } from '../../loop/running.js';
import type { Chooser } from '../choices/chooser.js';
import { streamIndex, type WorldStream } from '../choices/streams.js';
import { GroupTracker, nameOf, type GroupPlan, type GuidePlan, type Jump } from './names.js';

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
