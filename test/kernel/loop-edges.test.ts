import { describe, expect, it } from 'vitest';
import { Future, getRunningLoop, Loop, Owner, run, RuntimeError, type TimerHandle } from '../../src/index.js';
import { TimerHeap, type TimerNode, type TimerSlot } from '../../src/loop/timer-heap.js';

// Edges of the loop that the mutation run showed no test pinned (docs/mutation.md):
// a timer's states, the heap rebuilt after mass cancellation, a paused host's
// timers at one instant, the loop's option checks and its default error log.

function node(deadlineMs: number, sequence: number): TimerNode {
  return { deadlineMs, sequence, timerSlot: 'off' as TimerSlot, owner: null, fireTimer: () => undefined };
}

/** Pops every live timer left, as the loop does, and gives their deadlines in that order. */
function deadlinesInPopOrder(heap: TimerHeap): number[] {
  const order: number[] = [];
  while (heap.peekDeadline() !== undefined) {
    const next = heap.pop();
    next.timerSlot = 'off';
    order.push(next.deadlineMs);
  }
  return order;
}

describe('a TimerHandle', () => {
  it('reads scheduled, then due once its instant came, then fired; when() is its deadline', () => {
    const loop = new Loop();
    const seen: string[] = [];
    let second: TimerHandle | null = null;
    const first = loop.callLater(10, () => seen.push(`first ran; second is ${second?.state}`));
    second = loop.callLater(10, () => seen.push('second ran'));
    seen.push(`before: ${first.state} ${second.state}, when ${first.when()}`);
    loop.runUntilStopped();
    seen.push(`after: ${first.state} ${second.state}`);
    expect(seen).toEqual(['before: scheduled scheduled, when 10', 'first ran; second is due', 'second ran', 'after: fired fired']);
  });

  it('cancelling twice, or after it fired, does nothing; a due timer cancelled by an earlier one is skipped', () => {
    const loop = new Loop({ strict: true });
    const seen: string[] = [];
    let victim: TimerHandle | null = null;
    const fired = loop.callLater(1, () => {
      seen.push('killer ran');
      victim?.cancel();
      victim?.cancel();
    });
    victim = loop.callLater(1, () => seen.push('victim ran'));
    loop.runUntilStopped();
    fired.cancel();
    expect(seen).toEqual(['killer ran']);
    expect([fired.state, victim.state]).toEqual(['fired', 'cancelled']);
  });

  it('fires under a monitor that has no timerFired hook', () => {
    const loop = new Loop({ monitor: {} });
    const seen: number[] = [];
    loop.callLater(3, () => seen.push(loop.time()));
    loop.runUntilStopped();
    expect(seen).toEqual([3]);
  });
});

describe('the timer heap after mass cancellation', () => {
  it('pops the earliest live timer first after a rebuild, whatever order the live entries had', () => {
    const heap = new TimerHeap();
    // Deadlines 0..299 pushed in a scrambled order (7 is prime to 300), so the array order is far from sorted.
    const nodes = Array.from({ length: 300 }, (_, i) => node((i * 7) % 300, i));
    for (const each of nodes) heap.push(each);
    // Cancel every deadline under 200 but 4 and 5, earliest first: the heap is rebuilt past 100 cancelled
    // entries and half the heap, and the rebuilt heap must still give 4 before 5.
    const byDeadline = [...nodes].sort((a, b) => a.deadlineMs - b.deadlineMs);
    for (const each of byDeadline) if (each.deadlineMs < 200 && each.deadlineMs !== 4 && each.deadlineMs !== 5) heap.cancel(each);
    expect(deadlinesInPopOrder(heap)).toEqual([4, 5, ...Array.from({ length: 100 }, (_, i) => 200 + i)]);
  });
  it('a rebuild down to two live timers still gives the earlier one first', () => {
    const heap = new TimerHeap();
    // Pushed 0, 5, 4: 4 stays below 0, beside 5, so the live ones sit in the array as 5, 4.
    const early = node(0, 0);
    const [five, four] = [node(5, 1), node(4, 2)];
    const others = Array.from({ length: 100 }, (_, i) => node(10 + i, 3 + i));
    for (const each of [early, five, four, ...others]) heap.push(each);
    // 101 cancelled of 103: more than 100 and more than half, so the heap is rebuilt from 5 and 4.
    for (const each of [early, ...others]) heap.cancel(each);
    expect(deadlinesInPopOrder(heap)).toEqual([4, 5]);
  });
});

describe('a paused host’s timers', () => {
  it('fire after resume in their (deadline, sequence) order, equal deadlines in the order they were scheduled', () => {
    const loop = new Loop();
    const owner = new Owner('r1', loop);
    const seen: string[] = [];
    // Pushed as A, B, C at 20 and X at 10: X sifts up past B and A, so the heap's array reads X, A, C, B.
    loop.withOwner(owner, () => {
      for (const name of ['A', 'B', 'C']) loop.callLater(20, () => seen.push(`${loop.time()} ${name}`));
      loop.callLater(10, () => seen.push(`${loop.time()} X`));
    });
    loop.runFor(5);
    loop.pause(owner);
    loop.runFor(5);
    loop.resume(owner);
    loop.runFor(100);
    expect(seen).toEqual(['15 X', '25 A', '25 B', '25 C']);
  });
});

describe('the loop’s checks', () => {
  it('refuses a maxSteps that is not a positive number, naming the value', () => {
    for (const bad of [0, -1, Number.NaN]) {
      expect(() => new Loop({ maxSteps: bad })).toThrow(new RangeError(`maxSteps must be a positive number, got ${bad}`));
    }
    expect(new Loop({ maxSteps: 1 }).isClosed()).toBe(false);
  });

  it('refuses to close from inside its own callback', () => {
    const loop = new Loop();
    const outcomes: string[] = [];
    loop.callSoon(() => {
      try {
        loop.close();
        outcomes.push('closed');
      } catch (error) {
        outcomes.push(`${(error as Error).name}: ${(error as Error).message}`);
      }
    });
    loop.runUntilStopped();
    expect(outcomes).toEqual(['RuntimeError: Cannot close a running event loop']);
    expect(loop.isClosed()).toBe(false);
  });

  it('callAt names its parameter in the error for a bad time', () => {
    const loop = new Loop();
    expect(() => loop.callAt(Number.NaN, () => {})).toThrow(/^callAt\(whenMs\): whenMs /);
  });

  it('runFor(0) runs what is ready now and leaves the clock; runFor names its parameter', () => {
    const loop = new Loop();
    const seen: string[] = [];
    loop.callSoon(() => seen.push(`soon at ${loop.time()}`));
    loop.callLater(1, () => seen.push('later'));
    loop.runFor(0);
    expect([seen, loop.time()]).toEqual([['soon at 0'], 0]);
    expect(() => loop.runFor(Number.NaN)).toThrow(/^runFor\(durationMs\): durationMs /);
  });

  it('a timer set for a time already past runs at once, and the clock does not go back', () => {
    const loop = new Loop();
    const seen: number[] = [];
    loop.callLater(100, () => loop.callAt(50, () => seen.push(loop.time())));
    loop.runUntilStopped();
    expect(seen).toEqual([100]);
  });

  it('a timer at Infinity never fires: the run ends idle with the clock where it was', () => {
    const loop = new Loop();
    const seen: string[] = [];
    loop.callLater(7, () => seen.push('7'));
    const never = loop.callAt(Number.POSITIVE_INFINITY, () => seen.push('never'));
    expect(loop.runUntilStopped()).toBe('idle');
    expect([seen, loop.time(), never.state]).toEqual([['7'], 7, 'scheduled']);
  });
});

describe('errors nobody retrieved, and where they are written', () => {
  it('the default error log is console.error, and a run without a console still ends normally', () => {
    const written: unknown[] = [];
    const saved = globalThis.console;
    const fail = () => {
      const future = new Future<number>({ loop: getRunningLoop() });
      future.setException(new Error('lost'));
    };
    try {
      globalThis.console = { ...saved, error: (text: unknown) => void written.push(text) };
      run((function* () { fail(); })());
      delete (globalThis as { console?: Console }).console;
      expect(run((function* () { fail(); return 'ended'; })())).toBe('ended');
    } finally {
      globalThis.console = saved;
    }
    expect(written).toHaveLength(1);
    expect(String(written[0])).toMatch(/^Future exception was never retrieved\n/);
  });

  it('a future of an anonymous class is reported as a Future', () => {
    const reports: string[] = [];
    run(
      (function* () {
        const future = new (class extends Future<number> {})({ loop: getRunningLoop() });
        future.setException(new Error('lost'));
      })(),
      { errorLog: (text) => void reports.push(text.split('\n')[0] as string) },
    );
    expect(reports).toEqual(['Future exception was never retrieved']);
  });

  it('futures of a closed loop may still fail, many of them, without a report or an error', () => {
    const reports: string[] = [];
    const loop = new Loop({ errorLog: (text) => void reports.push(text) });
    loop.close();
    const futures = Array.from({ length: 200 }, () => new Future<number>({ loop }));
    for (const future of futures) future.setException(new Error('late'));
    expect(futures.map((future) => (future.exception() as Error).message)).toEqual(futures.map(() => 'late'));
    expect(reports).toEqual([]);
  });

  it('the default report of an Error carries its stack', () => {
    const reports: string[] = [];
    const error = new Error('boom');
    error.stack = 'Error: boom\n    at somewhere (file.ts:1:1)';
    const loop = new Loop({ errorLog: (text) => void reports.push(text) });
    loop.callSoon(() => {
      throw error;
    });
    loop.runUntilStopped();
    expect(reports).toHaveLength(1);
    expect(reports[0]?.split('\n').slice(-2)).toEqual(['Error: boom', '    at somewhere (file.ts:1:1)']);
  });

  it('outside a run there is no running loop', () => {
    expect(() => getRunningLoop()).toThrow(new RuntimeError('no running event loop'));
  });
});

describe('a Handle', () => {
  it('reads cancelled once cancelled, and its callback never runs', () => {
    const loop = new Loop();
    const seen: string[] = [];
    const handle = loop.callSoon(() => seen.push('ran'));
    const before = handle.cancelled();
    handle.cancel();
    loop.runUntilStopped();
    expect([before, handle.cancelled(), seen]).toEqual([false, true, []]);
  });

  it('shows eight arguments in full, and a ninth as ...', () => {
    const loop = new Loop();
    const tick = (..._args: number[]) => {};
    expect(loop.callSoon(tick, 1, 2, 3, 4, 5, 6, 7, 8).toString()).toBe('<Handle tick(1, 2, 3, 4, 5, 6, 7, 8)>');
    expect(loop.callSoon(tick, 1, 2, 3, 4, 5, 6, 7, 8, 9).toString()).toBe('<Handle tick(1, 2, 3, 4, 5, 6, 7, 8, ...)>');
  });
});

describe('a callback that raises, under a monitor without hooks', () => {
  it('is reported to the error log, or kept for run() to throw in strict mode', () => {
    const reports: string[] = [];
    const loop = new Loop({ monitor: {}, errorLog: (text) => void reports.push(text.split('\n')[0] as string) });
    loop.callSoon(function tick() {
      throw new Error('boom');
    });
    loop.runUntilStopped();
    expect(reports).toEqual(['Exception in callback tick()']);
    const strict = new Loop({ monitor: {}, strict: true, errorLog: (text) => void reports.push(text) });
    strict.callSoon(function tock() {
      throw new Error('bang');
    });
    strict.runUntilStopped();
    expect(strict.callbackErrors().count).toBe(1);
    expect(reports).toHaveLength(1);
  });

  it('an Error without a stack is reported by its name and message', () => {
    const reports: string[] = [];
    const error = new Error('boom');
    delete (error as { stack?: string }).stack;
    const loop = new Loop({ errorLog: (text) => void reports.push(text) });
    loop.callSoon(function tick() {
      throw error;
    });
    loop.runUntilStopped();
    expect(reports.map((report) => report.split('\n').at(-1))).toEqual(['Error: boom']);
  });
});

describe('the budget report', () => {
  it('a spent budget lists bad yields by their value, null included', () => {
    let message = '';
    try {
      run(
        (function* () {
          for (;;) {
            try {
              yield 42 as never;
            } catch {}
            try {
              yield null as never;
            } catch {}
          }
        })(),
        { maxSteps: 4, errorLog: () => {} },
      );
    } catch (error) {
      message = String(error);
    }
    expect(message.split('\n').slice(1)).toEqual(['  t=0 main: yielded 42', '  t=0 main: yielded null', '  t=0 main: yielded 42', '  t=0 main: yielded null']);
  });
});
