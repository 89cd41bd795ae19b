import type { Loop, LoopTask } from '../loop/loop.js';
import type { ReadyQueue } from '../loop/ready-queue.js';
import { TimerHandle } from '../loop/timer-heap.js';

/** What a future kernel may offer: the task a ready entry will step, or null. */
interface ReadyOwnerView {
  readyOwner(offset: number): LoopTask | null;
}

/**
 * The task each of the first `count` ready callbacks belongs to (the task it
 * will step), or null for callbacks that step no task. PCT needs it, because
 * its priorities belong to tasks, while the SchedulingPolicy seam only says
 * how many callbacks there are.
 *
 * Until the kernel offers `loop.readyOwner(offset)`, this reads the loop's
 * ready queue directly, read-only, and recognises the three kinds of entry
 * that step a task: a queued step (`resumeTask(task)`), a sleep's timer
 * (`runTimer(timer)` whose callback is `wakeSleeper(task)`) and a task's
 * wakeup registered as a done callback. That is the only place exploration
 * looks inside the kernel.
 */
export function readyOwners(loop: Loop, count: number): Array<LoopTask | null> {
  const view = loop as unknown as Partial<ReadyOwnerView>;
  const owners: Array<LoopTask | null> = [];
  if (typeof view.readyOwner === 'function') {
    for (let offset = 0; offset < count; offset++) owners.push(view.readyOwner(offset));
    return owners;
  }
  const ready = (loop as unknown as { ready: ReadyQueue }).ready;
  let wakeups: Map<unknown, LoopTask> | null = null;
  for (let offset = 0; offset < count; offset++) {
    const callback = ready.callbackAt(offset);
    const argument = ready.argumentAt(offset);
    if (callback.name === 'resumeTask') {
      owners.push(argument as LoopTask);
    } else if (callback.name === 'runTimer' && argument instanceof TimerHandle) {
      owners.push(argument.callback.name === 'wakeSleeper' ? (argument.argument as LoopTask) : null);
    } else {
      wakeups ??= wakeupsOf(loop);
      owners.push(wakeups.get(callback) ?? null);
    }
  }
  return owners;
}

/** Each pending task's wakeup callback, which it registers on the future it awaits. */
function wakeupsOf(loop: Loop): Map<unknown, LoopTask> {
  const wakeups = new Map<unknown, LoopTask>();
  for (const task of loop.tasks) wakeups.set((task as unknown as { wakeup: unknown }).wakeup, task);
  return wakeups;
}
