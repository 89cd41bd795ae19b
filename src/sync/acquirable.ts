import type { Operation } from '../effects.js';

/**
 * What `async with` needs of a primitive: Lock, Semaphore, BoundedSemaphore and Condition.
 *
 * @example
 * const guards: Acquirable[] = [new Lock(), new Semaphore(2)];
 */
export interface Acquirable {
  acquire(): Operation<true>;
  release(): void;
}

/**
 * `async with primitive: body`: acquires, runs the body, and releases in a
 * finally, so the release happens however the body ends (a return, an error,
 * a cancellation). If the acquire itself fails, there is nothing to release
 * and the body never runs. Returns what the body returns.
 *
 * @example
 * const total = yield* holding(lock, function* () { yield* sleep(10); return 42; });
 */
export function* holding<R>(primitive: Acquirable, body: () => Operation<R>): Operation<R> {
  yield* primitive.acquire();
  try {
    return yield* body();
  } finally {
    primitive.release();
  }
}
