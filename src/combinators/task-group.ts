import type { Operation } from '../effects.js';
import { CancelledError, ExceptionGroup, RuntimeError } from '../errors.js';
import { Future } from '../future.js';
import { createTask, currentTask, type Task, type TaskOptions } from '../task.js';
import { outcomeOf } from './outcome.js';

/**
 * Tasks that live no longer than a block of code: asyncio's TaskGroup, the
 * object of `async with asyncio.TaskGroup() as tg`. The block (the body of
 * `taskGroup()`) starts children with `createTask`; leaving the block waits
 * until every child is done.
 *
 * The first child to fail (with anything but CancelledError) aborts the
 * group: the other children are cancelled, in creation order, and so is the
 * parent task, so that the body stops at its next wait. When all are done,
 * the errors come out as one ExceptionGroup: the children's errors in the
 * order they finished, then the body's own. The group withdraws the
 * cancellation it asked of the parent (`uncancel()`), so a caller that
 * catches the ExceptionGroup carries on uncancelled. A cancellation from
 * outside, with no child error, comes out as CancelledError once the
 * children have finished.
 *
 * Invariant: `tasks` holds exactly the children whose done callback has not
 * run yet; the body's exit may finish only when it is empty.
 *
 * @example
 * yield* taskGroup(function* (group) {
 *   group.createTask(fetch('a'), { name: 'a' });
 *   group.createTask(fetch('b'), { name: 'b' });
 * }); // both have finished here
 */
export class TaskGroup {
  private entered = false;
  private exiting = false;
  private aborting = false;
  private parentTask: Task<unknown> | null = null;
  /** The group cancelled its parent and must withdraw that request on exit. */
  private parentCancelRequested = false;
  /** Children not yet seen done; a Set keeps creation order, the order `abort` cancels them in. */
  private readonly tasks = new Set<Task<unknown>>();
  private errors: unknown[] = [];
  /** What the exit waits on: resolved by the last child's done callback. */
  private completed: Future<boolean> | null = null;

  /**
   * Starts `coro` as a child task (asyncio's `tg.create_task`). Throws
   * RuntimeError before the group is entered, once it has finished, and while
   * it is aborting.
   */
  createTask<T>(coro: Operation<T>, options: TaskOptions = {}): Task<T> {
    const refusal = this.refusal();
    if (refusal !== null) {
      coro.return(undefined as T);
      throw new RuntimeError(`TaskGroup ${this.toString()} ${refusal}`);
    }
    const task = createTask(coro, options);
    this.tasks.add(task);
    // Registered even if the task were already done, so that its error never cancels the parent early.
    task.addDoneCallback(this.onTaskDone);
    return task;
  }

  /** Starts the group in the current task, its parent (asyncio's `__aenter__`). Paired with `exit`. */
  enter(): void {
    if (this.entered) throw new RuntimeError(`TaskGroup ${this.toString()} has already been entered`);
    this.parentTask = currentTask();
    this.entered = true;
  }

  /**
   * Waits for every child after the body ended (asyncio's `__aexit__`), then
   * throws the ExceptionGroup or CancelledError that should propagate, if
   * any. `raised` holds what the body threw; null when it returned. When
   * this returns normally after a throwing body, the body's error goes on.
   */
  *exit(raised: { error: unknown } | null): Operation<void> {
    try {
      yield* this.finish(raised);
    } finally {
      // As asyncio, drop references to the errors once they have been raised.
      this.parentTask = null;
      this.errors = [];
    }
  }

  toString(): string {
    const info = [''];
    if (this.tasks.size > 0) info.push(`tasks=${this.tasks.size}`);
    if (this.errors.length > 0) info.push(`errors=${this.errors.length}`);
    if (this.aborting) info.push('cancelling');
    else if (this.entered) info.push('entered');
    return `<TaskGroup${info.join(' ')}>`;
  }

  private refusal(): string | null {
    if (!this.entered) return 'has not been entered';
    if (this.exiting && this.tasks.size === 0) return 'is finished';
    if (this.aborting) return 'is shutting down';
    return null;
  }

  private *finish(raised: { error: unknown } | null): Operation<void> {
    const parent = this.parentTask;
    if (parent === null) throw new RuntimeError(`TaskGroup ${this.toString()} exits without having been entered`);
    this.exiting = true;
    const bodyCancelled = raised !== null && raised.error instanceof CancelledError;
    let propagateCancellation: CancelledError | null = bodyCancelled ? (raised.error as CancelledError) : null;
    if (raised !== null && !this.aborting) this.abort();

    // A loop, because the wait can be cancelled again and again while the parent is cancelled repeatedly.
    while (this.tasks.size > 0) {
      this.completed ??= new Future<boolean>({ loop: parent.loop, description: `the children of ${this.toString()}` });
      try {
        yield* this.completed;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        if (!this.aborting) {
          // The parent was cancelled from outside while the children still ran.
          propagateCancellation = error;
          this.abort();
        }
      }
      this.completed = null;
    }

    if (this.parentCancelRequested && parent.uncancel() === 0) {
      // No cancellation left but ours: the CancelledError was only the group's doing.
      propagateCancellation = null;
    }
    if (propagateCancellation !== null && this.errors.length === 0) throw propagateCancellation;
    if (raised !== null && !bodyCancelled) this.errors.push(raised.error);
    if (this.errors.length === 0) return;
    if (parent.cancelling() > 0) {
      // Cancelled from outside too: uncancel and cancel again keeps the count while the group's error goes up.
      parent.uncancel();
      parent.cancel();
    }
    throw new ExceptionGroup('unhandled errors in a TaskGroup', this.errors);
  }

  /** Cancels every child not yet done, in creation order. */
  private abort(): void {
    this.aborting = true;
    for (const task of this.tasks) {
      if (!task.done()) task.cancel();
    }
  }

  private readonly onTaskDone = (future: Future<unknown>): void => {
    const task = future as Task<unknown>;
    this.tasks.delete(task);
    if (this.completed !== null && this.tasks.size === 0 && !this.completed.done()) this.completed.setResult(true);
    if (task.cancelled()) return;
    const outcome = outcomeOf(task);
    if (outcome.ok) return;
    this.errors.push(outcome.error);
    const parent = this.parentTask;
    // asyncio reports a child failing after its parent finished to the loop's exception handler; there is none here.
    if (parent === null || parent.done()) return;
    if (!this.aborting && !this.parentCancelRequested) {
      // Stop the body at its next wait; exit withdraws this request.
      this.abort();
      this.parentCancelRequested = true;
      parent.cancel();
    }
  };
}

/**
 * Runs `body` with a new TaskGroup (`async with asyncio.TaskGroup() as tg:
 * body`) and returns what it returns, once every child the body started is
 * done. See TaskGroup for how errors and cancellation travel.
 *
 * @example
 * const [a, b] = yield* taskGroup(function* (group) {
 *   const a = group.createTask(fetch('a'));
 *   const b = group.createTask(fetch('b'));
 *   return [a, b];
 * });
 * console.log(a.result(), b.result());
 */
export function* taskGroup<T>(body: (group: TaskGroup) => Operation<T>): Operation<T> {
  const group = new TaskGroup();
  group.enter();
  let value: T;
  try {
    value = yield* body(group);
  } catch (error) {
    yield* group.exit({ error });
    throw error;
  }
  yield* group.exit(null);
  return value;
}
