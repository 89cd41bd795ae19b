// Edge cases of the combinators that mutation testing (docs/mutation.md)
// showed no other test pinned: how their waits are named in a deadlock, how a
// Timeout prints and refuses misuse, and the rarer orders of completion.
import { describe, expect, it } from 'vitest';
import {
  asCompleted,
  createTask,
  FIRST_COMPLETED,
  Future,
  gather,
  getRunningLoop,
  Loop,
  run,
  shield,
  sleep,
  TaskGroup,
  taskGroup,
  Timeout,
  timeout,
  timeoutAt,
  wait,
  waitFor,
  type Operation,
} from '../../src/index.js';

/** A run in which an error in a callback fails the run, as the default handler would only print it. */
function strictRun<T>(main: Operation<T>, options: { errorLog?: (text: string) => void } = {}): T {
  return run(main, { ...options, strict: true });
}

/** How `call` ends: `returned <v>` or `<ErrorName>: <message>`. */
function ending(call: () => unknown): string {
  try {
    return `returned ${JSON.stringify(call() ?? null)}`;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

/** The same for an operation, inside a run. */
function* endingOf(operation: Operation<unknown> | Future<unknown>): Operation<string> {
  try {
    return `returned ${JSON.stringify((yield* operation) ?? null)}`;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

/** The unfinished tasks' lines of the deadlock `main` ends in. */
function deadlockOf(main: () => Operation<unknown>): string[] {
  const message = ending(() => run(main()));
  expect(message).toMatch(/^DeadlockError: deadlock at /);
  return message.split('\n').slice(1);
}

describe('a deadlocked task names the combinator it waits in', () => {
  const forever = () => new Future<number>({ description: 'forever' });

  it('gather, shield, wait, asCompleted, a TaskGroup and waitFor with no time left', () => {
    expect([
      deadlockOf(function* () {
        yield* gather([forever(), forever()]);
      }),
      deadlockOf(function* () {
        yield* shield(forever());
      }),
      deadlockOf(function* () {
        yield* wait([forever()], { returnWhen: FIRST_COMPLETED });
      }),
      deadlockOf(function* () {
        for (const next of asCompleted([forever()])) yield* next;
      }),
      deadlockOf(() =>
        taskGroup(function* (group) {
          group.createTask(
            (function* () {
              yield* forever();
            })(),
            { name: 'child' },
          );
        }),
      ),
      deadlockOf(function* () {
        const stubborn = createTask(
          (function* () {
            try {
              yield* sleep(5);
            } catch {
              yield* forever();
            }
          })(),
          { name: 'stubborn' },
        );
        yield* sleep(1);
        yield* waitFor(stubborn, 0);
      }),
    ]).toEqual([
      ['  main: waiting on gather(forever, forever)'],
      ['  main: waiting on shield(forever)'],
      ['  main: waiting on wait(FIRST_COMPLETED)'],
      ['  main: waiting on asCompleted()'],
      ['  main: waiting on the children of <TaskGroup tasks=1 entered>', '  child: waiting on forever'],
      ["  main: waiting on cancel and wait for Task 'stubborn'", '  stubborn: waiting on forever'],
    ]);
  });
});

describe('Timeout prints its state and refuses misuse with its name', () => {
  it('prints created, entered with its deadline, expired and exited', () => {
    const seen: string[] = [];
    strictRun(
      (function* () {
        yield* sleep(3);
        yield* timeout(5, function* (scope) {
          seen.push(String(scope));
        });
        const expired = yield* endingOf(
          timeoutAt(4, function* (scope) {
            try {
              yield* sleep(10);
            } finally {
              seen.push(String(scope));
            }
          }),
        );
        seen.push(expired);
        const scope = new Timeout(null);
        seen.push(String(scope));
        yield* timeoutAt(null, function* (inner) {
          seen.push(`${inner} ${inner.when()}`);
        });
      })(),
    );
    expect(seen).toEqual([
      '<Timeout [entered] when=8>',
      '<Timeout [expiring]>',
      'TimeoutError: ',
      '<Timeout [created]>',
      '<Timeout [entered] when=null> null',
    ]);
  });

  it('an exit of a scope that is not entered, a bad deadline, and a body that is not a function', () => {
    const results = strictRun(
      (function* () {
        const scope = new Timeout(5);
        const created = ending(() => scope.exit());
        scope.enter();
        scope.exit();
        const twice = ending(() => scope.exit());
        const reschedule = yield* endingOf(
          timeout(5, function* (inner) {
            inner.reschedule(Number.NaN);
          }),
        );
        return [
          created,
          twice,
          reschedule,
          ending(() => timeout(5, 42 as never)),
          ending(() => timeoutAt(5, 'body' as never)),
          yield* endingOf(waitFor(createTask((function* () { yield* sleep(10); })()), 0)),
        ];
      })(),
    );
    expect(results).toEqual([
      'RuntimeError: exit of a Timeout that is created, not entered',
      'RuntimeError: exit of a Timeout that is exited, not entered',
      'TypeError: reschedule(deadlineMs): deadlineMs must be a number of milliseconds, got NaN',
      'TypeError: timeout(): body must be a generator function, got 42',
      'TypeError: timeoutAt(): body must be a generator function, got "body"',
      'TimeoutError: ',
    ]);
  });
});

describe('the rarer orders of completion', () => {
  it('gather: built outside a run from a loop’s futures, counts a child done already once, and refuses a cancel once its children are done', () => {
    const loop = new Loop();
    const first = new Future<number>({ loop });
    first.setResult(1);
    const second = new Future<number>({ loop });
    const all = gather([first, second]);
    second.setResult(2);
    expect(all.cancel()).toBe(false); // every child is done, though the gather has not heard yet
    loop.runUntilIdle();
    expect(all.result()).toEqual([1, 2]);
  });

  it('gather: once it failed, cancel() leaves the others running, and their later errors are retrieved, not reported', () => {
    const reports: string[] = [];
    const lines = strictRun(
      (function* () {
        const failing = (name: string, delayMs: number) =>
          createTask(
            (function* () {
              yield* sleep(delayMs);
              throw new Error(name);
            })(),
            { name },
          );
        const all = gather([failing('a', 1), failing('b', 2)]);
        const first = yield* endingOf(all);
        const cancelled = all.cancel();
        yield* sleep(5);
        return [first, `cancel ${cancelled}`];
      })(),
      { errorLog: (text) => void reports.push(text) },
    );
    expect([lines, reports]).toEqual([['Error: a', 'cancel false'], []]);
  });

  it('waitFor with no time left returns the result of a task that is already done, without cancelling it', () => {
    const lines = strictRun(
      (function* () {
        const quick = createTask((function* () { return 'done'; })());
        yield* sleep(1);
        return [yield* waitFor(quick, 0), quick.cancelled()];
      })(),
    );
    expect(lines).toEqual(['done', false]);
  });

  it('asCompleted with a timeout: a future finishing after it still counts as timed out, and no timer is left behind', () => {
    const lines = strictRun(
      (function* () {
        const loop = getRunningLoop();
        const slow = new Future<string>();
        const fast = new Future<string>();
        loop.callLater(1, () => fast.setResult('fast'));
        loop.callLater(20, () => slow.setResult('slow'));
        const results: string[] = [];
        for (const next of asCompleted([slow, fast], { timeoutMs: 10 })) results.push(yield* endingOf(next));
        const quick = new Future<string>();
        quick.setResult('quick');
        for (const next of asCompleted([quick], { timeoutMs: 10 })) results.push(yield* endingOf(next));
        yield* sleep(30);
        results.push(`t=${loop.time()}`);
        return results;
      })(),
    );
    expect(lines).toEqual(['returned "fast"', 'TimeoutError: ', 'returned "quick"', 't=40']);
  });

  it('a TaskGroup refuses a second entry and an exit without entry, naming itself', () => {
    const lines = strictRun(
      (function* () {
        const group = new TaskGroup();
        const exitFirst = yield* endingOf(group.exit(null));
        group.enter();
        const twice = ending(() => group.enter());
        yield* group.exit(null);
        return [exitFirst, twice];
      })(),
    );
    expect(lines).toEqual([
      'RuntimeError: TaskGroup <TaskGroup> exits without having been entered',
      'RuntimeError: TaskGroup <TaskGroup entered> has already been entered',
    ]);
  });
});

describe('cancellation in the middle of a hand-off', () => {
  /** Two tasks each wait for the next of asCompleted([first, second]); `between` runs once both wait. */
  function asCompletedRace(between: (a: ReturnType<typeof createTask>, first: Future<string>) => void): string[] {
    const lines: string[] = [];
    strictRun(
      (function* () {
        const loop = getRunningLoop();
        const first = new Future<string>();
        const second = new Future<string>();
        const [nextA, nextB] = [...asCompleted([first, second])];
        const waiter = (name: string, next: Operation<string>) =>
          createTask(
            (function* () {
              const ended = yield* endingOf(next);
              lines.push(`${loop.time()} ${name} ${ended}`);
            })(),
            { name },
          );
        const a = waiter('a', nextA!);
        waiter('b', nextB!);
        yield* sleep(1);
        between(a, first);
        yield* sleep(1);
        second.setResult('second');
        yield* sleep(1);
      })(),
    );
    return lines;
  }

  it('asCompleted: a waiter cancelled before a future finishes leaves it to the next', () => {
    expect(asCompletedRace((a, first) => (a.cancel(), first.setResult('first')))).toEqual([
      '1 a CancelledError: ',
      '1 b returned "first"',
    ]);
  });

  it('asCompleted: a waiter woken and cancelled in the same step passes its wakeup on', () => {
    // first's done callback (which wakes a) runs before the cancel, queued after it.
    expect(asCompletedRace((a, first) => (first.setResult('first'), getRunningLoop().callSoon(() => a.cancel())))).toEqual([
      '1 a CancelledError: ',
      '1 b returned "first"',
    ]);
  });

  it('shield: the inner future finishing in the step its waiter is cancelled is no error', () => {
    const lines = strictRun(
      (function* () {
        const inner = new Future<number>();
        const waiter = createTask(endingOf(shield(inner)));
        yield* sleep(1);
        waiter.cancel();
        inner.setResult(1);
        return [yield* waiter, inner.result()];
      })(),
    );
    expect(lines).toEqual(['CancelledError: ', 1]);
  });

  it('waitFor with no time left rethrows what the task ends with when it will not be cancelled', () => {
    const lines = strictRun(
      (function* () {
        const stubborn = createTask(
          (function* () {
            try {
              yield* sleep(5);
            } catch {
              throw new Error('refused');
            }
          })(),
        );
        yield* sleep(1);
        return [yield* endingOf(waitFor(stubborn, 0)), yield* endingOf(wait([stubborn], { returnWhen: 42 as never }))];
      })(),
    );
    expect(lines).toEqual(['Error: refused', 'ValueError: Invalid return_when value: 42']);
  });
});

describe('completions in one step', () => {
  it('gather counts a child done before the call once, and waits for the others', () => {
    const loop = new Loop();
    const first = new Future<number>({ loop });
    first.setResult(1);
    const second = new Future<number>({ loop });
    const all = gather([first, second]);
    loop.runUntilIdle();
    const before = all.done();
    second.setResult(2);
    loop.runUntilIdle();
    expect([before, all.result()]).toEqual([false, [1, 2]]);
  });

  it('wait(FIRST_COMPLETED) with two futures done in the same step wakes once', () => {
    const lines = strictRun(
      (function* () {
        const a = new Future<string>();
        const b = new Future<string>();
        getRunningLoop().callSoon(() => (a.setResult('a'), b.setResult('b')));
        const { done, pending } = yield* wait([a, b], { returnWhen: FIRST_COMPLETED });
        yield* sleep(1);
        return [done.size, pending.size];
      })(),
    );
    expect(lines).toEqual([2, 0]);
  });

  it('waitFor(done, 0) returns without giving up its turn', () => {
    const lines = strictRun(
      (function* () {
        const order: string[] = [];
        const quick = new Future<string>();
        quick.setResult('quick');
        createTask((function* () { order.push('other task'); })());
        yield* sleep(0);
        createTask((function* () { order.push('other task again'); })());
        order.push(yield* waitFor(quick, 0));
        yield* sleep(0);
        return order;
      })(),
    );
    expect(lines).toEqual(['other task', 'quick', 'other task again']);
  });
});
