/**
 * asyncio's synchronisation primitives, with CPython 3.14's semantics and
 * wakeup order, built on the public kernel: futures, tasks and the loop.
 */
export { Event } from './event.js';
export { Lock } from './lock.js';
export { Semaphore, BoundedSemaphore } from './semaphore.js';
export { Condition } from './condition.js';
export { Barrier, type BarrierState } from './barrier.js';
export { Queue, PriorityQueue, LifoQueue } from './queue.js';
export { pythonLess, type LessThan } from './heap.js';
export { holding, type Acquirable } from './acquirable.js';
export { BrokenBarrierError, QueueEmpty, QueueFull, QueueShutDown, ValueError } from './errors.js';
