import { describe, expect, it } from 'vitest';
import { createTask, Future, getRunningLoop, run, sleep, type Operation, type Task } from '../../src/index.js';
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, wait, type ReturnWhen } from '../../src/combinators/index.js';
import { expectCPython, traceOf, type Tracer } from './trace.js';
import { renderError } from '../../src/scenario/render.js';
import { ApplicationError } from '../../src/scenario/application-error.js';

/** ["wait", [vars], mode, n]: the names in each set, sorted, as the scenario format shows them. */
function* waitOp(t: Tracer, tasks: Task<unknown>[], returnWhen: ReturnWhen, timeoutMs: number | null): Operation<void> {
  const { done, pending } = yield* wait(tasks, { returnWhen, timeoutMs });
  const names = (set: Set<Task<unknown>>) => [...set].map((task) => task.getName()).sort().join(',');
  t.emit(`wait -> done [${names(done)}] pending [${names(pending)}]`);
}

function sleeper(delayMs: number, error?: string) {
  return function* () {
    yield* sleep(delayMs);
    if (error !== undefined) throw new ApplicationError(error);
  };
}

const sleeperOps = (delayMs: number, error?: string) => (error === undefined ? [['sleep', delayMs]] : [['sleep', delayMs], ['raise', error]]);

/** The trace of: spawn a, b, c (each sleeping, some failing), wait on them, then log. */
async function checkWait(
  returnWhen: ReturnWhen,
  timeoutMs: number | null,
  children: Record<'a' | 'b' | 'c', [number, string?]>,
  expected: string[],
): Promise<void> {
  const trace = traceOf(function* (t) {
    const tasks = (['a', 'b', 'c'] as const).map((name) => t.spawn(name, sleeper(...children[name])));
    yield* waitOp(t, tasks, returnWhen, timeoutMs);
  });
  expect(trace).toEqual(expected);
  await expectCPython(
    {
      defs: {
        main: [['spawn', 'a', 'a'], ['spawn', 'b', 'b'], ['spawn', 'c', 'c'], ['wait', ['a', 'b', 'c'], returnWhen, timeoutMs]],
        a: sleeperOps(...children.a),
        b: sleeperOps(...children.b),
        c: sleeperOps(...children.c),
      },
    },
    expected,
  );
}

const started = ['0 main start', '0 main spawn a', '0 main spawn b', '0 main spawn c', '0 a start', '0 b start', '0 c start'];

describe('wait', () => {
  it('FIRST_COMPLETED returns as soon as one is done', async () => {
    await checkWait(FIRST_COMPLETED, null, { a: [30], b: [10], c: [20] }, [
      ...started,
      '10 b exit return null',
      '10 main wait -> done [b] pending [a,c]',
      '10 main exit return null',
      // The clean-up of run() cancels what main left running, in creation order.
      '10 a exit raise CancelledError',
      '10 c exit raise CancelledError',
      '10 - run -> return null',
    ]);
  });

  it('FIRST_EXCEPTION returns at the first error, with whatever is done by then', async () => {
    await checkWait(FIRST_EXCEPTION, null, { a: [10], b: [20, 'Boom'], c: [30] }, [
      ...started,
      '10 a exit return null',
      '20 b exit raise Boom',
      '20 main wait -> done [a,b] pending [c]',
      '20 main exit return null',
      '20 c exit raise CancelledError',
      '20 - run -> return null',
    ]);
  });

  it('FIRST_EXCEPTION without an error waits for all', async () => {
    await checkWait(FIRST_EXCEPTION, null, { a: [10], b: [20], c: [30] }, [
      ...started,
      '10 a exit return null',
      '20 b exit return null',
      '30 c exit return null',
      '30 main wait -> done [a,b,c] pending []',
      '30 main exit return null',
      '30 - run -> return null',
    ]);
  });

  it('ALL_COMPLETED waits for every one, errors included', async () => {
    await checkWait(ALL_COMPLETED, null, { a: [10, 'Boom'], b: [30], c: [20] }, [
      ...started,
      '10 a exit raise Boom',
      '20 c exit return null',
      '30 b exit return null',
      '30 main wait -> done [a,b,c] pending []',
      '30 main exit return null',
      '30 - run -> return null',
    ]);
  });

  it('a timeout returns what is done, leaves the rest pending and raises nothing', async () => {
    await checkWait(ALL_COMPLETED, 15, { a: [10], b: [20], c: [30] }, [
      ...started,
      '10 a exit return null',
      '15 main wait -> done [a] pending [b,c]',
      '15 main exit return null',
      '15 b exit raise CancelledError',
      '15 c exit raise CancelledError',
      '15 - run -> return null',
    ]);
  });

  it('a timeout of 0 returns after one loop iteration', async () => {
    await checkWait(FIRST_COMPLETED, 0, { a: [10], b: [20], c: [30] }, [
      ...started,
      '0 main wait -> done [] pending [a,b,c]',
      '0 main exit return null',
      '0 a exit raise CancelledError',
      '0 b exit raise CancelledError',
      '0 c exit raise CancelledError',
      '0 - run -> return null',
    ]);
  });

  it('lists each future once, in the order given, and counts a cancelled one as done but not failed', () => {
    const outcome = run(
      (function* () {
        const loop = getRunningLoop();
        const [a, b, c] = [new Future<number>(), new Future<number>(), new Future<number>()];
        loop.callLater(10, () => b.cancel());
        loop.callLater(20, () => a.setException(new ApplicationError('Boom')));
        loop.callLater(30, () => c.setResult(3));
        const first = yield* wait([c, a, b, c], { returnWhen: FIRST_EXCEPTION });
        return [loop.time(), [...first.done], [...first.pending], a.hasUnretrievedError()];
      })(),
    );
    const [time, done, pending, unretrieved] = outcome as [number, Future<number>[], Future<number>[], boolean];
    expect(time).toBe(20);
    expect(done.map((future) => future.state)).toEqual(['finished', 'cancelled']);
    expect(pending.map((future) => future.state)).toEqual(['pending']);
    // Looking for the first error retrieved it, as asyncio's f.exception() does.
    expect(unretrieved).toBe(false);
  });

  it('FIRST_EXCEPTION does not look at the error of the future that completes the count, as asyncio', () => {
    const last = run(
      (function* () {
        const first = new Future<number>();
        const last = new Future<number>();
        first.setResult(1);
        getRunningLoop().callLater(10, () => last.setException(new ApplicationError('Boom')));
        const { done } = yield* wait([first, last], { returnWhen: FIRST_EXCEPTION });
        expect(done.size).toBe(2);
        return last;
      })(),
    );
    expect(last.hasUnretrievedError()).toBe(true);
  });

  it('cancelling the waiting task ends the wait with its CancelledError and leaves the futures alone', () => {
    const outcome = run(
      (function* () {
        const future = new Future<number>();
        const waiter = createTask(
          (function* () {
            return yield* wait([future], { timeoutMs: 100 });
          })(),
        );
        yield* sleep(10);
        waiter.cancel('enough');
        let error: unknown;
        try {
          yield* waiter;
        } catch (caught) {
          error = caught;
        }
        future.setResult(1);
        yield* sleep(200);
        return [renderError(error), future.state, getRunningLoop().time()];
      })(),
    );
    expect(outcome).toEqual(['CancelledError(enough)', 'finished', 210]);
  });

  it('refuses an empty list and an unknown returnWhen when it starts', () => {
    const errors = run(
      (function* () {
        const errors: string[] = [];
        const future = new Future<number>();
        for (const attempt of [wait([]), wait([future], { returnWhen: 'SOMETIMES' as ReturnWhen })]) {
          try {
            yield* attempt;
          } catch (error) {
            errors.push(`${(error as Error).name}: ${(error as Error).message}`);
          }
        }
        return errors;
      })(),
    );
    expect(errors).toEqual(['ValueError: Set of Tasks/Futures is empty.', 'ValueError: Invalid return_when value: SOMETIMES']);
  });
});
