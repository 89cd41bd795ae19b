import { describe, expect, it } from 'vitest';
import { Loop, type SchedulingPolicy } from '../../src/index.js';

/** Runs a loop until it is idle, returning what the callbacks logged. */
function drain(loop: Loop, schedule: (log: (entry: string) => void) => void): string[] {
  const entries: string[] = [];
  schedule((entry) => entries.push(`${loop.time()} ${entry}`));
  expect(loop.runUntilStopped()).toBe('idle');
  return entries;
}

describe('the loop', () => {
  it('runs ready callbacks first in, first out', () => {
    const loop = new Loop();
    expect(drain(loop, (log) => ['a', 'b', 'c'].forEach((name) => loop.callSoon(log, name)))).toEqual(['0 a', '0 b', '0 c']);
  });

  it('fires timers in deadline order, and equal deadlines in the order they were scheduled', () => {
    const loop = new Loop();
    const entries = drain(loop, (log) => {
      loop.callLater(20, log, 'late');
      loop.callLater(10, log, 'first at 10');
      loop.callAt(10, log, 'second at 10');
      loop.callLater(10, log, 'third at 10');
    });
    expect(entries).toEqual(['10 first at 10', '10 second at 10', '10 third at 10', '20 late']);
  });

  it('jumps the clock straight to the next deadline: an hour passes at once', () => {
    const loop = new Loop();
    const started = Date.now();
    expect(drain(loop, (log) => loop.callLater(3_600_000, log, 'an hour later'))).toEqual(['3600000 an hour later']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('runs only the callbacks ready when an iteration starts; what they schedule waits for the next', () => {
    const loop = new Loop();
    const iterations: string[] = [];
    loop.callSoon(() => {
      iterations.push(`a at step ${loop.steps()}`);
      loop.callSoon(() => iterations.push(`c at step ${loop.steps()}`));
    });
    loop.callSoon(() => iterations.push(`b at step ${loop.steps()}`));
    loop.callLater(0, () => iterations.push(`timer at step ${loop.steps()}`));
    loop.runUntilStopped();
    // The timer due at 0 moves to the end of the ready queue in the first iteration,
    // after a and b; c was queued during that iteration, so it runs in the second.
    expect(iterations).toEqual(['a at step 1', 'b at step 2', 'timer at step 3', 'c at step 4']);
  });

  it('a stop() finishes the current iteration, then returns', () => {
    const loop = new Loop();
    const ran: string[] = [];
    loop.callSoon(() => {
      ran.push('stopper');
      loop.stop();
      loop.callSoon(() => ran.push('next iteration'));
    });
    loop.callSoon(() => ran.push('same iteration'));
    expect(loop.runUntilStopped()).toBe('stopped');
    expect(ran).toEqual(['stopper', 'same iteration']);
    expect(loop.runUntilStopped()).toBe('idle');
    expect(ran).toEqual(['stopper', 'same iteration', 'next iteration']);
  });

  it('cancelled handles and timers never run, even a timer cancelled after it became due', () => {
    const loop = new Loop();
    const ran: string[] = [];
    loop.callSoon(() => ran.push('soon')).cancel();
    const late = loop.callLater(5, () => ran.push('late'));
    late.cancel();
    // Both timers are due at 10 and move to the ready queue together; the first cancels the second.
    loop.callLater(10, () => {
      ran.push('canceller');
      dueTimer.cancel();
    });
    const dueTimer = loop.callLater(10, () => ran.push('due but cancelled'));
    loop.runUntilStopped();
    expect(ran).toEqual(['canceller']);
    expect(late.cancelled()).toBe(true);
    expect(dueTimer.cancelled()).toBe(true);
    expect(loop.time()).toBe(10);
  });

  it('a cancelled timer does not move the clock', () => {
    const loop = new Loop();
    loop.callLater(1000, () => undefined).cancel();
    expect(loop.runUntilStopped()).toBe('idle');
    expect(loop.time()).toBe(0);
  });

  it('rejects a NaN delay with a TypeError naming it', () => {
    const loop = new Loop();
    expect(() => loop.callLater(Number.NaN, () => undefined)).toThrow(new TypeError('callLater(delayMs): delayMs must be a number of milliseconds, got NaN'));
  });

  it('lets a scheduling policy pick the next ready callback', () => {
    const lastFirst: SchedulingPolicy = { name: 'last-first', chooseReady: (count) => count - 1, chooseTimer: () => 0 };
    const loop = new Loop({ policy: lastFirst });
    expect(drain(loop, (log) => ['a', 'b', 'c'].forEach((name) => loop.callSoon(log, name)))).toEqual(['0 c', '0 b', '0 a']);
  });

  it('lets a scheduling policy order timers due at the same instant, and only those', () => {
    const lastTimerFirst: SchedulingPolicy = { name: 'last-timer-first', chooseReady: () => 0, chooseTimer: (count) => count - 1 };
    const loop = new Loop({ policy: lastTimerFirst });
    const entries = drain(loop, (log) => {
      ['x', 'y', 'z'].forEach((name) => loop.callLater(7, log, name));
      loop.callLater(8, log, 'later');
    });
    expect(entries).toEqual(['7 z', '7 y', '7 x', '8 later']);
  });

  it('refuses a policy choice out of range with an invariant error', () => {
    const broken: SchedulingPolicy = { name: 'broken', chooseReady: (count) => count, chooseTimer: () => 0 };
    const loop = new Loop({ policy: broken });
    loop.callSoon(() => undefined);
    loop.callSoon(() => undefined);
    expect(() => loop.runUntilStopped()).toThrow('policy broken chose 2 of 2');
  });
});
