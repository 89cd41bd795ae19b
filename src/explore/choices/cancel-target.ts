import type { LoopTask } from '../../loop/loop.js';
import { ANY_TASK } from './schedule.js';

/** The name run() gives the main task, which `*` leaves out. */
const MAIN_TASK = 'main';

/**
 * Whether `task`'s resumptions are cancellation points for `target`: a task
 * name, or `*` for every task except main. Cancelling main would only prove
 * that a cancelled program stops, so `*` leaves it out; name it to include it.
 *
 * @example
 * isCancelTarget('*', task); // true for every task not named 'main'
 */
export function isCancelTarget(target: string | null, task: LoopTask): boolean {
  if (target === null) return false;
  const name = task.getName();
  return target === ANY_TASK ? name !== MAIN_TASK : name === target;
}
