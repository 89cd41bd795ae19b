/**
 * asyncio's combinators on simloop's public kernel: shield, timeout,
 * waitFor, TaskGroup, gather, wait and asCompleted, each with CPython 3.14's
 * callbacks, wakeups and cancellation bookkeeping, so traces match asyncio's.
 */
export { shield } from './shield.js';
export { Timeout, timeout, timeoutAt, type TimeoutState } from './timeout.js';
export { waitFor } from './wait-for.js';
export { TaskGroup, taskGroup } from './task-group.js';
export { gather, GatheringFuture, type GatherOptions, type GatherResults, type GatherOutcomes } from './gather.js';
export { wait, FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED, type ReturnWhen, type WaitOptions, type WaitResult } from './wait.js';
export { asCompleted, AsCompleted, type AsCompletedOptions } from './as-completed.js';
export { outcomeOf, type Outcome, type ResultOf } from './outcome.js';
export { TimeoutError, ExceptionGroup } from '../errors.js';
