import { RuntimeError } from '../errors.js';

/**
 * The errors one task is handling, innermost last: what the `reraise` op
 * re-raises. Entering a handler, or a finally entered because of an error,
 * pushes that error; leaving it, however it is left, pops it.
 *
 * This is the scenario format's rule, kept on an explicit stack rather than
 * read from the host language: a nested try inside a handler that caught and
 * swallowed another error leaves the outer handler's error on top again,
 * however that other error arrived (raised, thrown in by a cancellation, or
 * from an awaited task). (Python's bare `raise` one coroutine down would not
 * see it after a `throw()` resumption; the format does not follow that.)
 *
 * ```ts
 * const handled = new HandledErrors();
 * handled.push(boom);
 * handled.reraise(); // throws boom
 * ```
 */
export class HandledErrors {
  private readonly errors: unknown[] = [];

  /** A handler (or an error-entered finally) starts handling `error`. */
  push(error: unknown): void {
    this.errors.push(error);
  }

  /** The innermost handler (or finally) is left. */
  pop(): void {
    if (this.errors.length === 0) throw new Error('HandledErrors.pop: no error is being handled');
    this.errors.pop();
  }

  /** Throws the innermost error being handled; RuntimeError when there is none. */
  reraise(): never {
    if (this.errors.length === 0) throw new RuntimeError('No active exception to reraise');
    throw this.errors[this.errors.length - 1];
  }
}
