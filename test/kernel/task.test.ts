import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  Future,
  RuntimeError,
  allTasks,
  createTask,
  currentTask,
  getRunningLoop,
  run,
  sleep,
  type Task,
} from '../../src/index.js';
import { taskLog } from './helpers.js';

describe('a task', () => {
  it('cancelled before its first step never runs its body and ends cancelled', () => {
    const { lines, say } = taskLog();
    function* child() {
      say('body ran');
    }
    function* main() {
      const task = createTask(child(), { name: 'child' });
      say(`cancel -> ${task.cancel()}`);
      try {
        yield* task;
      } catch (error) {
        say(`caught ${(error as Error).name}, child cancelled: ${task.cancelled()}`);
      }
    }
    run(main());
    expect(lines).toEqual(['0 main cancel -> true', '0 main caught CancelledError, child cancelled: true']);
  });

  it('returns false from cancel() exactly when it is done, and counts every request while pending', () => {
    const { lines, say } = taskLog();
    function* child() {
      yield* sleep(10);
      return 'done';
    }
    function* main() {
      const task = createTask(child(), { name: 'child' });
      yield* sleep(20);
      say(`done: cancel -> ${task.cancel()}, cancelling -> ${task.cancelling()}`);
      const other = createTask(child(), { name: 'other' });
      say(`pending: cancel -> ${other.cancel()} ${other.cancel()}, cancelling -> ${other.cancelling()}`);
    }
    run(main());
    expect(lines).toEqual(['20 main done: cancel -> false, cancelling -> 0', '20 main pending: cancel -> true true, cancelling -> 2']);
  });

  it('receives CancelledError at its next yield after cancelling itself, not before', () => {
    const { lines, say } = taskLog();
    function* main() {
      currentTask().cancel('self');
      say('still running after cancel()');
      try {
        yield* sleep(100);
        say('not reached');
      } catch (error) {
        say(`caught at the yield: ${(error as Error).message}`);
      }
    }
    run(main());
    expect(lines).toEqual(['0 main still running after cancel()', '0 main caught at the yield: self']);
  });

  it('that cancels itself and returns without yielding ends cancelled, not with its value', () => {
    function* main() {
      currentTask().cancel('bye');
      return 'value';
    }
    expect(() => run(main())).toThrow(new CancelledError('bye'));
  });

  it('uncancel() withdraws a request, and withdrawing the last one withdraws the pending CancelledError', () => {
    const { lines, say } = taskLog();
    function* main() {
      const me = currentTask();
      me.cancel();
      me.cancel();
      say(`cancelling -> ${me.cancelling()}, uncancel -> ${me.uncancel()}, uncancel -> ${me.uncancel()}, uncancel -> ${me.uncancel()}`);
      yield* sleep(10);
      say('slept undisturbed');
    }
    run(main());
    expect(lines).toEqual(['0 main cancelling -> 2, uncancel -> 1, uncancel -> 0, uncancel -> 0', '10 main slept undisturbed']);
  });

  it('may catch CancelledError, sleep in the handler and return a value instead', () => {
    const { lines, say } = taskLog();
    function* worker() {
      try {
        yield* sleep(1000);
      } catch (error) {
        say(`caught ${(error as Error).message}`);
        yield* sleep(5);
        return 'cleaned up';
      }
      return 'slept';
    }
    function* main() {
      const task = createTask(worker(), { name: 'worker' });
      yield* sleep(10);
      say(`cancel -> ${task.cancel('enough')}`);
      const value = yield* task;
      say(`worker returned ${value}, cancelled: ${task.cancelled()}, cancelling: ${task.cancelling()}`);
    }
    run(main());
    expect(lines).toEqual(['10 main cancel -> true', '10 worker caught enough', '15 main worker returned cleaned up, cancelled: false, cancelling: 1']);
  });

  it('that re-raises after cleaning up ends cancelled, and its awaiter sees the message', () => {
    const { lines, say } = taskLog();
    function* worker() {
      try {
        yield* sleep(1000);
      } catch (error) {
        yield* sleep(5);
        throw error;
      }
    }
    function* main() {
      const task = createTask(worker(), { name: 'worker' });
      yield* sleep(10);
      task.cancel('shutdown');
      try {
        yield* task;
      } catch (error) {
        say(`caught ${(error as Error).name}(${(error as Error).message}), worker cancelled: ${task.cancelled()}`);
      }
    }
    run(main());
    expect(lines).toEqual(['15 main caught CancelledError(shutdown), worker cancelled: true']);
  });

  it('cancelled while awaiting passes the cancellation down a three-level chain, with one error object all the way up', () => {
    const { lines, say } = taskLog();
    const seen: unknown[] = [];
    function* leaf() {
      try {
        yield* sleep(1000);
      } catch (error) {
        seen.push(error);
        say(`leaf caught ${(error as Error).message}`);
        throw error;
      }
    }
    function* middle() {
      const child = createTask(leaf(), { name: 'leaf' });
      try {
        yield* child;
      } catch (error) {
        seen.push(error);
        say(`middle caught ${(error as Error).message}, leaf cancelled: ${child.cancelled()}`);
        throw error;
      }
    }
    function* main() {
      const task = createTask(middle(), { name: 'middle' });
      yield* sleep(1);
      say(`cancel -> ${task.cancel('stop')}`);
      try {
        yield* task;
      } catch (error) {
        seen.push(error);
        say(`main caught ${(error as Error).message}`);
      }
    }
    run(main());
    expect(lines).toEqual(['1 main cancel -> true', '1 leaf leaf caught stop', '1 middle middle caught stop, leaf cancelled: true', '1 main main caught stop']);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toBe(seen[0]);
  });

  it('cancels the plain future it waits on', () => {
    function* main() {
      const future = new Future<number>({ description: 'never' });
      const waiter = createTask((function* () { return yield* future; })(), { name: 'waiter' });
      yield* sleep(0);
      waiter.cancel('no');
      yield* sleep(0);
      return [future.cancelled(), future.cancelMessage()];
    }
    expect(run(main())).toEqual([true, 'no']);
  });

  it('resumes from sleep one iteration after its timer fires', () => {
    const { lines, say } = taskLog();
    function* main() {
      const loop = getRunningLoop();
      const task = currentTask();
      loop.callSoon(() => loop.callLater(10, () => lines.push(`${loop.time()} timer scheduled after the sleep, ${task.phase}`)));
      yield* sleep(10);
      say('woke');
    }
    run(main());
    expect(lines).toEqual(['10 timer scheduled after the sleep, waiting', '10 main woke']);
  });

  it('gives up exactly one loop iteration with sleep(0)', () => {
    const { lines, say } = taskLog();
    function* ping(rounds: number) {
      for (let i = 0; i < rounds; i++) {
        say(`round ${i}`);
        yield* sleep(0);
      }
    }
    function* main() {
      const a = createTask(ping(3), { name: 'a' });
      const b = createTask(ping(2), { name: 'b' });
      yield* a;
      yield* b;
    }
    run(main());
    expect(lines).toEqual(['0 a round 0', '0 b round 0', '0 a round 1', '0 b round 1', '0 a round 2']);
  });

  it('has a name, Task-<n> by default, and knows the current task and all pending ones in creation order', () => {
    const { lines, say } = taskLog();
    function* child() {
      yield* sleep(1);
    }
    function* main() {
      const first = createTask(child());
      const second = createTask(child(), { name: 'named' });
      second.setName('renamed');
      say(`tasks: ${[...allTasks()].map((task) => task.getName()).join(', ')}, current: ${currentTask() === currentTask()}`);
      yield* first;
      yield* second;
      say(`tasks: ${[...allTasks()].map((task) => task.getName()).join(', ')}`);
    }
    run(main());
    expect(lines).toEqual(['0 main tasks: main, Task-1, renamed, current: true', '1 main tasks: main']);
  });

  it('throws a TypeError into the generator at a bad yield, naming what was yielded', () => {
    const { lines, say } = taskLog();
    function* main(): Generator<any, void, unknown> {
      const other = createTask((function* () {})(), { name: 'other' });
      for (const bad of [42, other]) {
        try {
          yield bad;
        } catch (error) {
          say(`${(error as Error).name}: ${(error as Error).message}`);
        }
      }
    }
    run(main());
    expect(lines).toEqual([
      "0 main TypeError: Task 'main' got bad yield: 42",
      "0 main TypeError: Task 'main' got bad yield: Task 'other' (use yield* to await it: yield* Task 'other')",
    ]);
  });

  it('that awaits itself gets a RuntimeError', () => {
    function* main(): Generator<any, string, unknown> {
      try {
        yield* currentTask() as Task<unknown>;
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
      return 'not reached';
    }
    expect(run(main())).toBe("RuntimeError: Task cannot await on itself: Task 'main'");
  });

  it('refuses setResult and setException, and a generator function in place of a generator', () => {
    function* work() {}
    function* main() {
      expect(() => currentTask().setResult()).toThrow(new RuntimeError('Task does not support setResult()'));
      expect(() => currentTask().setException()).toThrow(new RuntimeError('Task does not support setException()'));
      expect(() => createTask(work as never)).toThrow(
        new TypeError('a generator object was expected, got function work (call it: work() gives the generator)'),
      );
    }
    run(main());
  });

  it('infers the awaited type from yield*', () => {
    function* child() {
      yield* sleep(1);
      return 7;
    }
    function* main() {
      const value = yield* createTask(child());
      const doubled: number = value * 2;
      return doubled;
    }
    expect(run(main())).toBe(14);
  });

  it('is named by loop.readyOwner for each ready entry that steps it: a queued step, a due sleep, a wakeup', () => {
    const owners: string[] = [];
    function* sleeper() {
      yield* sleep(5);
    }
    function* awaiter(future: Future<number>) {
      return yield* future;
    }
    function* main() {
      const loop = getRunningLoop();
      const future = new Future<number>();
      createTask(sleeper(), { name: 'sleeper' });
      createTask(awaiter(future), { name: 'awaiter' });
      // Scheduled before the sleeper sleeps, so at t=5 it runs while the sleeper's due timer still waits behind it.
      loop.callAt(5, () => {
        future.setResult(1);
        loop.callSoon(() => undefined);
        expect(loop.readyOwner(0)?.getName()).toBe('sleeper');
        for (let offset = 0; offset < 3; offset++) owners.push(loop.readyOwner(offset)?.getName() ?? 'none');
        expect(() => loop.readyOwner(3)).toThrow(new RangeError('readyOwner(3): the ready queue has 3 entries'));
      });
      yield* sleep(10);
    }
    run(main());
    // The sleeper's due timer, the awaiter's wakeup, a plain callback.
    expect(owners).toEqual(['sleeper', 'awaiter', 'none']);
  });

  it('is cancelled with a CancelledError the kernel makes without a stack trace, which costs more than the cancellation', () => {
    function* sleeper() {
      yield* sleep(100);
    }
    function* main(): Generator<any, string, unknown> {
      const task = createTask(sleeper(), { name: 'sleeper' });
      yield* sleep(1);
      task.cancel('stop');
      try {
        yield* task;
      } catch (error) {
        return (error as Error).stack ?? 'no stack';
      }
      return 'not cancelled';
    }
    expect(run(main())).toBe('CancelledError: stop');
  });
});

