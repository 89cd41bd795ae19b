/**
 * simloop: asyncio's task model on a deterministic, virtual-clock event loop,
 * with generator functions as coroutines.
 *
 * @example
 * import { createTask, run, sleep } from 'simloop';
 * function* main() {
 *   const child = createTask((function* () { yield* sleep(500); return 'done'; })());
 *   return yield* child;
 * }
 * run(main()); // 'done', at virtual time 500 ms
 *
 * @module simloop
 */
export { run, type RunOptions } from './run.js';
export { Task, createTask, currentTask, allTasks, type TaskOptions, type TaskPhase } from './task.js';
export { Future, type FutureState, type FutureOptions, type DoneCallback } from './future.js';
export { sleep, SleepEffect, AwaitEffect, type Effect, type Operation } from './effects.js';
export { Loop, type LoopOptions, type Awaitable, DEFAULT_MAX_STEPS } from './loop/loop.js';
export { getRunningLoop } from './loop/running.js';
export { Handle } from './loop/handle.js';
export { Owner, type OwnerState } from './loop/owner.js';
export { TimerHandle } from './loop/timer-heap.js';
export { FIFO, type SchedulingPolicy } from './loop/policy.js';
export type { FiredTimer, Monitor, StepOutcome, WorldEvent } from './loop/monitor.js';
export { formatExceptionContext, type ErrorLog, type ExceptionContext, type ExceptionHandler } from './loop/exception-handler.js';
export type { LoopTask } from './loop/loop.js';
export {
  CancelledError,
  InvalidStateError,
  RuntimeError,
  DeadlockError,
  StepBudgetError,
  InvariantError,
  CallbackError,
} from './errors.js';
export { showValue } from './show.js';
export * from './sync/index.js';
export * from './combinators/index.js';
export * from './explore/index.js';
export * from './sim/index.js';
export * from './check/index.js';
export { parseScenario, ScenarioError } from './scenario/validate.js';
export { runScenario } from './scenario/run-scenario.js';
export type { Scenario } from './scenario/types.js';
