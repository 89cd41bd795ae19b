import { RuntimeError } from '../errors.js';
import type { Loop } from './loop.js';

/**
 * The running-loop slot, as asyncio's `_set_running_loop`: set while `run()`
 * drives a loop, so that plain calls (`createTask`, `currentTask`, `sleep`'s
 * effect) find their loop without passing it around.
 */
let runningLoop: Loop | null = null;

/**
 * The loop that `run()` is driving. Throws RuntimeError outside a run.
 *
 * @example
 * function* main() { console.log(getRunningLoop().time()); }
 */
export function getRunningLoop(): Loop {
  if (runningLoop === null) throw new RuntimeError('no running event loop');
  return runningLoop;
}

/** The running loop, or null outside a run. */
export function peekRunningLoop(): Loop | null {
  return runningLoop;
}

/** @internal Set by `run()` only; returns the loop it replaces. */
export function setRunningLoop(loop: Loop | null): Loop | null {
  const previous = runningLoop;
  runningLoop = loop;
  return previous;
}
