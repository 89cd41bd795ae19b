import { describe, expect, it } from 'vitest';
import { CancelledError, createTask, DeadlockError, Future, getRunningLoop, Loop, RuntimeError, run, sleep, Task, type Monitor, type Operation } from '../../src/index.js';

/** A monitor that writes one line per kernel event, stamped with the loop's time. */
function tracer(loopOf: () => Loop): { monitor: Monitor; lines: string[] } {
  const lines: string[] = [];
  const at = (what: string): void => void lines.push(`${loopOf().time()} ${what}`);
  return {
    lines,
    monitor: {
      taskCreated: (task) => at(`${task.getName()} created`),
      taskStepped: (task, outcome) => at(`${task.getName()} ${outcome.kind}`),
      cancelRequested: (task) => at(`${task.getName()} cancel requested`),
      taskDone: (task) => at(`${task.getName()} done`),
      timerFired: (timer) => at(`timer of ${timer.task?.getName() ?? 'a callback'} due at ${timer.deadlineMs}`),
    },
  };
}

function* worker(name: string, delays: number[], log: string[]): Operation<string> {
  for (const delay of delays) {
    yield* sleep(delay);
    log.push(`${getRunningLoop().time()} ${name} slept ${delay}`);
  }
  return name;
}

/** Three workers, one cancelled: every task is done by the time main returns, so run()'s clean-up adds nothing. */
function* program(log: string[]): Operation<string[]> {
  const a = createTask(worker('a', [10, 0, 25], log), { name: 'a' });
  const b = createTask(worker('b', [5, 30], log), { name: 'b' });
  const slow = createTask(worker('slow', [100], log), { name: 'slow' });
  const first = yield* a;
  slow.cancel();
  try {
    yield* slow;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    log.push(`${getRunningLoop().time()} main saw slow cancelled`);
  }
  return [first, yield* b];
}

describe('the embedding API: a harness drives the loop itself', () => {
  it('drives a program step by step from outside and gets exactly the trace and result run() gives', () => {
    const viaRun = tracer(getRunningLoop);
    const runLog: string[] = [];
    const runResult = run(program(runLog), { monitor: viaRun.monitor });

    const harnessLog: string[] = [];
    const viaHarness = tracer(() => stepped);
    const stepped: Loop = new Loop({ monitor: viaHarness.monitor });
    const main = new Task(program(harnessLog), { loop: stepped, name: 'main' });
    const seen: string[] = [];
    // Step by step: one millisecond of virtual time at a time, looking in between.
    while (!main.done()) {
      stepped.runFor(1);
      seen.push(`${stepped.time()}:${stepped.pendingTasks().length}`);
    }
    expect(main.result()).toEqual(runResult);
    expect(viaHarness.lines).toEqual(viaRun.lines);
    expect(harnessLog).toEqual(runLog);
    expect(seen.slice(0, 3)).toEqual(['1:4', '2:4', '3:4']);
    expect(seen.at(-1)).toBe('35:0');
    expect(runLog).toEqual(['5 b slept 5', '10 a slept 10', '10 a slept 0', '35 b slept 30', '35 a slept 25', '35 main saw slow cancelled']);
  });

  it('runFor runs what is due by the end of the span, timers due exactly then included, and leaves the clock there', () => {
    const loop = new Loop();
    const fired: string[] = [];
    loop.callLater(100, () => fired.push(`a at ${loop.time()}`));
    loop.callLater(250, () => fired.push(`b at ${loop.time()}`));
    loop.runFor(99);
    expect([loop.time(), fired]).toEqual([99, []]);
    loop.runFor(1);
    expect([loop.time(), fired]).toEqual([100, ['a at 100']]);
    loop.runFor(1_000);
    expect([loop.time(), fired]).toEqual([1_100, ['a at 100', 'b at 250']]);
  });

  it('runUntilIdle runs what is ready now, and what that makes ready, without moving the clock', () => {
    const loop = new Loop();
    const log: string[] = [];
    const task = new Task(worker('w', [0, 0, 40], log), { loop, name: 'w' });
    loop.runUntilIdle();
    expect([loop.time(), log, task.done()]).toEqual([0, ['0 w slept 0', '0 w slept 0'], false]);
    loop.runUntilIdle();
    expect(loop.time()).toBe(0);
    expect(loop.runUntilComplete(task)).toBe('w');
    expect([loop.time(), log.at(-1)]).toEqual([40, '40 w slept 40']);
  });

  it('lets a harness schedule callbacks, create tasks and complete futures between runs', () => {
    const loop = new Loop();
    const request = new Future<string>({ loop, description: 'request' });
    function* server(): Operation<string> {
      const body = yield* request;
      const reply = createTask(echo(body), { name: 'reply' });
      return yield* reply;
    }
    function* echo(body: string): Operation<string> {
      yield* sleep(5);
      return `${body} at ${getRunningLoop().time()}`;
    }
    const task = new Task(server(), { loop, name: 'server' });
    loop.runFor(10);
    expect(task.done()).toBe(false);
    loop.callSoon(() => request.setResult('ping'));
    expect(loop.runUntilComplete(task)).toBe('ping at 15');
  });

  it('runUntilComplete returns the result or throws the error of the future, and DeadlockError when it can never be done', () => {
    const loop = new Loop();
    const failing = new Task(
      (function* (): Operation<never> {
        yield* sleep(3);
        throw new Error('boom');
      })(),
      { loop, name: 'failing' },
    );
    expect(() => loop.runUntilComplete(failing)).toThrow('boom');
    const never = new Future<void>({ loop, description: "Future 'never'" });
    const waiter = new Task(
      (function* (): Operation<void> {
        yield* never;
      })(),
      { loop, name: 'waiter' },
    );
    expect(() => loop.runUntilComplete(waiter)).toThrow(DeadlockError);
    expect(() => loop.runUntilComplete(waiter)).toThrow(`deadlock at t=3ms: Task 'waiter' is not done, nothing is ready and no timer is pending. Unfinished tasks:\n  waiter: waiting on Future 'never'`);
  });

  it('refuses to run a loop inside a running one, and a negative or NaN span', () => {
    const outer = new Loop();
    const inner = new Loop();
    let nested: unknown;
    outer.callSoon(() => {
      try {
        inner.runUntilIdle();
      } catch (error) {
        nested = error;
      }
    });
    outer.runUntilIdle();
    expect(nested).toBeInstanceOf(RuntimeError);
    expect((nested as Error).message).toBe('Cannot run the event loop while another loop is running');
    let reentered: unknown;
    outer.callSoon(() => {
      try {
        outer.runFor(1);
      } catch (error) {
        reentered = error;
      }
    });
    outer.runUntilIdle();
    expect((reentered as Error).message).toBe('This event loop is already running');
    expect(() => outer.runFor(-1)).toThrow('runFor(durationMs): durationMs must be ≥ 0, got -1');
    expect(() => outer.runFor(Number.NaN)).toThrow('durationMs must be a number of milliseconds, got NaN');
  });
});
