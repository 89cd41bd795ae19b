import type { Operation } from '../effects.js';

/** No error is being handled: what `current()` returns then. */
export const NOTHING_HANDLED: unique symbol = Symbol('nothing handled');

/**
 * Python's "exception being handled", the one a bare `raise` (the `reraise`
 * op) re-raises, as CPython 3.14 computes it inside coroutines.
 *
 * Each coroutine frame keeps its own handled exception, and a bare `raise`
 * looks from its frame up the chain of frames linked to it. A task resumed
 * normally (`send`) links every frame of its await chain. A task resumed by
 * `throw` (a cancellation, or an awaited task's error) is different:
 * CPython's `_gen_throw` resumes each frame that was already on the chain as
 * the root of its own chain, so until the task next suspends, the handlers
 * of frames above the deepest such frame are invisible, and `reraise` there
 * raises RuntimeError. The conformance run found this; CPython's traces show
 * it, so the interpreter follows it.
 *
 * The interpreter counts its frames as the reference's coroutines nest
 * (def body, op list, op, try, try-except) so that "above" means the same.
 */
export class HandledErrors {
  /** Frames of the interpreter now on the task's chain. */
  private depth = 0;
  /**
   * The deepest frame that was already on the chain when the task was last
   * resumed by `throw`, if it is still there: 0 after a normal resumption.
   */
  private cut = 0;
  private readonly errors: unknown[] = [];
  private readonly depths: number[] = [];

  enterFrame(): void {
    this.depth++;
  }

  leaveFrame(): void {
    this.depth--;
    if (this.cut > this.depth) this.cut = this.depth;
  }

  /** An `except` (or a finally entered by an error) of the current frame starts handling `error`. */
  push(error: unknown): void {
    this.errors.push(error);
    this.depths.push(this.depth);
  }

  pop(): void {
    this.errors.pop();
    this.depths.pop();
  }

  /** What a bare `raise` here would re-raise: the innermost handled error still linked, if any. */
  current(): unknown {
    const last = this.errors.length - 1;
    if (last < 0 || (this.depths[last] as number) < this.cut) return NOTHING_HANDLED;
    return this.errors[last];
  }

  /**
   * Drives `body` as the task's coroutine, noting for each resumption whether
   * it came by `next` (every frame linked again) or by `throw` (frames already
   * on the chain become roots).
   */
  *track<T>(body: Operation<T>): Operation<T> {
    let outcome = body.next();
    while (outcome.done !== true) {
      let sent: unknown;
      try {
        sent = yield outcome.value;
      } catch (error) {
        this.cut = this.depth;
        outcome = body.throw(error);
        continue;
      }
      this.cut = 0;
      outcome = body.next(sent);
    }
    return outcome.value;
  }
}
