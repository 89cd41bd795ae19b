import type { LoopTask } from '../../loop/loop.js';
import { getRunningLoop } from '../../loop/running.js';
import type { Chooser } from '../choices/chooser.js';
import type { WorldStream } from '../choices/streams.js';
import { GroupTracker, nameOf, type RunNames } from './names.js';

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
