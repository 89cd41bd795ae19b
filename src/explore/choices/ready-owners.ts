import type { Loop, LoopTask } from '../../loop/loop.js';

/**
 * The task each of the first `count` ready callbacks belongs to (the task it
 * will step), or null for callbacks that step no task. PCT needs it, because
 * its priorities belong to tasks, while the SchedulingPolicy seam only says
 * how many callbacks there are.
 */
export function readyOwners(loop: Loop, count: number): Array<LoopTask | null> {
  const owners: Array<LoopTask | null> = [];
  for (let offset = 0; offset < count; offset++) owners.push(loop.readyOwner(offset));
  return owners;
}
