import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  DeadlockError,
  Future,
  RuntimeError,
  StepBudgetError,
  createTask,
  run,
  sleep,
} from '../../src/index.js';
import { taskLog } from './helpers.js';

describe('run()', () => {
  it('returns what main returns', () => {
    function* main() {
      yield* sleep(3_600_000);
      return 'an hour later';
    }
    expect(run(main())).toBe('an hour later');
  });

  it('throws what main throws', () => {
    const boom = new Error('boom');
    function* main() {
      yield* sleep(1);
      throw boom;
    }
    expect(() => run(main())).toThrow(boom);
  });

  it('refuses to run inside a running loop', () => {
    function* inner() {}
    function* main() {
      run(inner());
    }
    expect(() => run(main())).toThrow(new RuntimeError('run() cannot be called from a running event loop'));
  });

  it('cancels the tasks still pending after main, in creation order, and lets them finish', () => {
    const { lines, say } = taskLog();
    function* worker() {
      try {
        yield* sleep(1000);
      } catch (error) {
        say(`cancelled: ${(error as Error).name}`);
        yield* sleep(5);
        say('cleaned up');
        throw error;
      }
    }
    function* main() {
      createTask(worker(), { name: 'first' });
      createTask(worker(), { name: 'second' });
      yield* sleep(10);
      say('main returns');
      return 'ok';
    }
    expect(run(main())).toBe('ok');
    expect(lines).toEqual([
      '10 main main returns',
      '10 first cancelled: CancelledError',
      '10 second cancelled: CancelledError',
      '15 first cleaned up',
      '15 second cleaned up',
    ]);
  });

  it('lets a task started during the clean-up take the steps asyncio gives it, then abandons it', () => {
    const { lines, say } = taskLog();
    function* latecomer() {
      for (let i = 0; ; i++) {
        say(`step ${i}`);
        yield* sleep(0);
      }
    }
    function* worker() {
      try {
        yield* sleep(1000);
      } catch (error) {
        createTask(latecomer(), { name: 'latecomer' });
        throw error;
      }
    }
    function* main() {
      createTask(worker(), { name: 'worker' });
      yield* sleep(1);
    }
    run(main());
    // The clean-up's gather needs two more iterations after the worker ends, and
    // asyncio's two shutdown coroutines two each: six steps for the latecomer.
    expect(lines).toEqual(['1 latecomer step 0', '1 latecomer step 1', '1 latecomer step 2', '1 latecomer step 3', '1 latecomer step 4', '1 latecomer step 5']);
  });

  it('throws DeadlockError naming every unfinished task and what it waits on', () => {
    function* stuck() {
      yield* new Future<void>({ description: "Future 'never set'" });
    }
    function* main() {
      const task = createTask(stuck(), { name: 'stuck' });
      yield* sleep(5);
      yield* task;
    }
    let caught: unknown;
    try {
      run(main());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DeadlockError);
    expect((caught as DeadlockError).timeMs).toBe(5);
    expect((caught as Error).message).toBe(
      "deadlock at t=5ms: Task 'main' is not done, nothing is ready and no timer is pending. Unfinished tasks:\n" +
        "  main: waiting on Task 'stuck'\n" +
        "  stuck: waiting on Future 'never set'",
    );
  });

  it('throws DeadlockError when the clean-up can never finish', () => {
    function* stubborn() {
      try {
        yield* sleep(1000);
      } catch {
        yield* new Future<void>({ description: 'a future nobody sets' });
      }
    }
    function* main() {
      createTask(stubborn(), { name: 'stubborn' });
      yield* sleep(1);
    }
    expect(() => run(main())).toThrow(
      new DeadlockError(
        'deadlock at t=1ms: the clean-up of run() is not done, nothing is ready and no timer is pending. ' +
          'Unfinished tasks:\n  stubborn: waiting on a future nobody sets',
        1,
      ),
    );
  });

  it('turns a livelock into StepBudgetError showing the last steps', () => {
    function* spin() {
      for (;;) yield* sleep(0);
    }
    function* main() {
      yield* sleep(7);
      yield* spin();
    }
    expect(() => run(main(), { maxSteps: 100 })).toThrow(
      new StepBudgetError(
        'step budget of 100 callbacks exhausted at t=7ms: a livelock, or a run longer than maxSteps allows ' +
          '(raise it with the maxSteps option). Last steps:\n  ' +
          Array.from({ length: 16 }, () => 't=7 main: yielded sleep(0)').join('\n  '),
      ),
    );
  });

  it('raises a cancelled main as CancelledError with its message', () => {
    function* main() {
      yield* sleep(1);
      throw new CancelledError('from inside');
    }
    expect(() => run(main())).toThrow(new CancelledError('from inside'));
  });
});
