// Edge cases of the kernel that mutation testing (docs/mutation.md) showed no
// other test pinned: bad yields and bad coroutines with their exact messages,
// names given as non-strings, a monitor with no hooks, and the steps a spent
// budget reports.
import { describe, expect, it } from 'vitest';
import { createTask, currentTask, Future, getRunningLoop, Loop, Owner, run, sleep, Task, type Operation } from '../../src/index.js';

/** How `call` ends: its value as a string, or `<ErrorName>: <message>`. */
function ending(call: () => unknown): string {
  try {
    return String(call());
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe('what a task refuses, with the exact message', () => {
  it('a yield of anything but an effect, with a hint for an operation yielded without *', () => {
    const yields: unknown[] = [null, 42, 'sleep', { kind: 'await', future: 42 }, { kind: 'sleep', delayMs: '1' }, [1], { kind: 'other' }];
    expect(yields.map((value) => ending(() => run((function* () { yield value as never; })())))).toEqual([
      "TypeError: Task 'main' got bad yield: null",
      "TypeError: Task 'main' got bad yield: 42",
      'TypeError: Task \'main\' got bad yield: "sleep"',
      'TypeError: Task \'main\' got bad yield: {"kind":"await","future":42}',
      'TypeError: Task \'main\' got bad yield: {"kind":"sleep","delayMs":"1"}',
      "TypeError: Task 'main' got bad yield: [1] (use yield* to run an operation)",
      'TypeError: Task \'main\' got bad yield: {"kind":"other"}',
    ]);
  });

  it('a coroutine that is not a generator object', () => {
    const coroutines: unknown[] = [null, 42, { next() {} }, { throw() {} }, () => 1];
    expect(coroutines.map((coro) => ending(() => run((function* () { createTask(coro as never); })())))).toEqual([
      'TypeError: a generator object was expected, got null',
      'TypeError: a generator object was expected, got 42',
      'TypeError: a generator object was expected, got {"next":function next}',
      'TypeError: a generator object was expected, got {"throw":function throw}',
      'TypeError: a generator object was expected, got function (anonymous) (call it: work() gives the generator)',
    ]);
  });

  it('currentTask() outside a task: outside any loop, and in a callback of a running loop', () => {
    const loop = new Loop();
    let inCallback = '';
    loop.callSoon(() => (inCallback = ending(() => currentTask())));
    loop.runUntilIdle();
    expect([ending(() => currentTask()), inCallback]).toEqual([
      'RuntimeError: currentTask() called outside a running task',
      'RuntimeError: currentTask() called outside a running task',
    ]);
  });
});

describe('names and hooks', () => {
  it('a name given as a non-string is made one, at creation and by setName', () => {
    const names = run(
      (function* () {
        const task = createTask((function* () {})(), { name: 42 as never });
        const first = task.getName();
        task.setName(7 as never);
        const second = task.getName();
        task.setName('worker');
        return [first, second, task.getName(), String(task)];
      })(),
    );
    expect(names).toEqual(['42', '7', 'worker', "Task 'worker'"]);
  });

  it('a monitor may leave out any hook', () => {
    const result = run(
      (function* () {
        const sleeper = createTask(
          (function* () {
            yield* sleep(5);
          })(),
        );
        const failing = createTask(
          (function* () {
            yield* sleep(1);
            throw new Error('x');
          })(),
        );
        const never = new Future<number>();
        const waiting = createTask(
          (function* () {
            yield* never;
          })(),
        );
        yield* sleep(2);
        waiting.cancel();
        yield* sleeper;
        yield* sleep(0);
        return [(failing.exception() as Error | null)?.message, waiting.cancelled(), getRunningLoop().time()];
      })(),
      { monitor: {} },
    );
    expect(result).toEqual(['x', true, 5]);
  });

  it('a spent step budget lists the last steps, with the tasks that returned and raised', () => {
    const message = ending(() =>
      run(
        (function* (): Operation<void> {
          createTask((function* () { return 1; })(), { name: 'ret' });
          createTask((function* () { throw new Error('x'); })(), { name: 'rai' });
          for (;;) yield* sleep(0);
        })(),
        { maxSteps: 8, errorLog: () => {} },
      ),
    );
    expect(message.split('\n').slice(0, 4)).toEqual([
      'StepBudgetError: step budget of 8 callbacks exhausted at t=0ms: a livelock, or a run longer than maxSteps allows (raise it with the maxSteps option). Last steps:',
      '  t=0 main: yielded sleep(0)',
      '  t=0 ret: returned',
      '  t=0 rai: raised',
    ]);
  });
});

describe('futures and shared effects', () => {
  it('setException takes an Error of another realm and an Error class, and refuses a function that is none', async () => {
    const { runInNewContext } = await import('node:vm');
    const foreign = runInNewContext('new Error("elsewhere")') as Error;
    const outcomes = run(
      (function* () {
        const taken = (error: unknown) => {
          const future = new Future<number>();
          future.setException(error);
          const got = future.exception() as Error;
          return `${got === error ? 'same' : got.constructor.name} ${got.message}`;
        };
        return [
          taken(foreign),
          taken(TypeError),
          taken(Error),
          ending(() => taken(function notAnError() {})),
          ending(() => taken({ message: 'duck' })),
        ];
      })(),
    );
    expect(outcomes).toEqual([
      'same elsewhere',
      'TypeError ',
      'Error ',
      'TypeError: setException(): invalid exception object function notAnError: an Error was expected',
      'TypeError: setException(): invalid exception object {"message":"duck"}: an Error was expected',
    ]);
  });

  it('setException on a done future names the call; removeDoneCallback removes a lone callback', () => {
    const lines = run(
      (function* () {
        const seen: string[] = [];
        const done = new Future<number>({ description: 'reply' });
        done.setResult(1);
        const lone = new Future<number>();
        const callback = () => void seen.push('called');
        lone.addDoneCallback(callback);
        const removed = lone.removeDoneCallback(callback);
        lone.setResult(2);
        yield* sleep(0);
        return [ending(() => done.setException(new Error('late'))), `removed ${removed}`, ...seen];
      })(),
    );
    expect(lines).toEqual(['InvalidStateError: setException() on reply, which is already finished', 'removed 1']);
  });

  it('one sleep effect shared by two tasks sleeps in both, and cancelling one leaves the other', () => {
    const lines = run(
      (function* () {
        const loop = getRunningLoop();
        const shared = sleep(5, 'woke');
        const seen: string[] = [];
        const sleeper = (name: string) =>
          createTask(
            (function* () {
              try {
                const value = yield* shared;
                seen.push(`${loop.time()} ${name} ${value}`);
              } catch (error) {
                seen.push(`${loop.time()} ${name} ${(error as Error).name}`);
              }
            })(),
          );
        const a = sleeper('a');
        const b = sleeper('b');
        const c = sleeper('c');
        yield* sleep(1);
        c.cancel();
        yield* a;
        yield* b;
        yield* c;
        const again = yield* shared;
        return [...seen, `${loop.time()} main ${again}`];
      })(),
    );
    expect(lines).toEqual(['1 c CancelledError', '5 a woke', '5 b woke', '10 main woke']);
  });
});

describe('an abandoned task', () => {
  it('a task not yet started and a sleeping one stop for good: the sleep leaves no timer, and a cancel of them is accepted', () => {
    const loop = new Loop();
    const owner = new Owner('r1', loop);
    const log: string[] = [];
    const sleeping = loop.withOwner(owner, () =>
      new Task(
        (function* () {
          yield* sleep(100);
          log.push('woke');
        })(),
        { loop, name: 'sleeping' },
      ),
    );
    loop.runFor(1);
    const fresh = loop.withOwner(owner, () => new Task((function* () { log.push('started'); })(), { loop, name: 'fresh' }));
    loop.abandon(owner);
    expect([sleeping.cancel(), fresh.cancel()]).toEqual([true, true]);
    loop.runUntilIdle();
    expect([log, loop.time(), sleeping.phase, fresh.phase]).toEqual([[], 1, 'abandoned', 'abandoned']);
  });
});

describe('steps, phases and a cancel before a wait', () => {
  it('a monitor sees each step’s outcome, and a finished task is done whether it returned or raised', () => {
    const steps: string[] = [];
    const phases = run(
      (function* () {
        const returning = createTask((function* () { yield* sleep(1); return 1; })(), { name: 'r' });
        const raising = createTask((function* () { throw new Error('x'); })(), { name: 'e' });
        yield* sleep(2);
        return [returning.phase, raising.phase, returning.getCoro() !== undefined, returning.description];
      })(),
      {
        errorLog: () => {},
        monitor: {
          taskStepped: (task, outcome) => {
            const detail = outcome.kind === 'returned' ? outcome.value : outcome.kind === 'raised' ? (outcome.error as Error).message : (outcome.value as { description: string }).description;
            steps.push(`${task.getName()} ${outcome.kind} ${String(detail)}`);
          },
        },
      },
    );
    expect([phases, steps]).toEqual([
      ['done', 'done', true, "Task 'r'"],
      ['main yielded sleep(2)', 'r yielded sleep(1)', 'e raised x', 'r returned 1', 'main returned done,done,true,Task \'r\''],
    ]);
  });

  it('a task cancelled while it runs gives the cancel message to the future or sleep it then waits on, once', () => {
    const lines = run(
      (function* () {
        const seen: string[] = [];
        const future = new Future<number>();
        currentTask().cancel('why');
        try {
          yield* future;
        } catch (error) {
          seen.push(`future: ${(error as Error).message} ${future.cancelled()}`);
        }
        yield* sleep(1);
        currentTask().cancel('again');
        try {
          yield* sleep(5);
        } catch (error) {
          seen.push(`sleep: ${(error as Error).message}`);
        }
        yield* sleep(1);
        seen.push(`t=${getRunningLoop().time()}`);
        return seen;
      })(),
    );
    expect(lines).toEqual(['future: why true', 'sleep: again', 't=2']);
  });

  it('a task cancelled while it runs, then awaiting a task that refuses to die, gets that task’s result', () => {
    // As asyncio's Task.__step: the cancel passes to the awaited task, and once that accepted it, nothing is left to throw in.
    const got = run(
      (function* () {
        const stubborn = createTask(
          (function* () {
            try {
              yield* sleep(10);
            } catch {
              return 'survived';
            }
            return 'slept';
          })(),
        );
        yield* sleep(0);
        currentTask().cancel('why');
        const value = yield* stubborn;
        return [value, currentTask().cancelling(), getRunningLoop().time()];
      })(),
    );
    expect(got).toEqual(['survived', 1, 0]);
  });

  it('a cancelled sleep leaves no timer behind; a future of another loop is refused; a name whose toString throws is shown', () => {
    const loop = new Loop();
    const sleeper = new Task((function* () { yield* sleep(100); })(), { loop, name: 'sleeper' });
    loop.runFor(1);
    sleeper.cancel();
    loop.runUntilIdle();
    const elsewhere = new Future<number>({ loop: new Loop(), description: 'elsewhere' });
    const refused = ending(() => run((function* () { yield* elsewhere; })()));
    const named = run((function* () { return createTask((function* () {})(), { name: { toString() { throw new Error('no'); } } as never }).getName(); })());
    expect([loop.time(), sleeper.cancelled(), refused, named]).toEqual([
      1,
      true,
      "RuntimeError: Task 'main' got elsewhere attached to a different loop",
      '{"toString":function toString}',
    ]);
  });

  it('a task of a host may await a future of the same host', () => {
    const loop = new Loop();
    const owner = new Owner('r1', loop);
    const future = loop.withOwner(owner, () => new Future<number>({ loop }));
    const task = loop.withOwner(owner, () => new Task((function* () { return yield* future; })(), { loop, name: 'reader' }));
    loop.callLater(1, () => future.setResult(7));
    loop.runFor(5);
    expect(task.result()).toBe(7);
  });
});
