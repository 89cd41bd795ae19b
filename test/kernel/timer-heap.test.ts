import { describe, expect, it } from 'vitest';
import { CancelledError, Loop, createTask, run, sleep, type Operation, type TimerHandle } from '../../src/index.js';
import { TimerHeap, type TimerNode, type TimerSlot } from '../../src/loop/timer-heap.js';

/** A bare heap node: what the heap needs of a timer, and nothing else. */
function node(deadlineMs: number, sequence: number): TimerNode {
  return { deadlineMs, sequence, timerSlot: 'off' as TimerSlot, owner: null, fireTimer: () => undefined };
}

/** Pops everything left, as (deadline, sequence) pairs. */
function drain(heap: TimerHeap): string[] {
  const order: string[] = [];
  while (heap.peekDeadline() !== undefined) {
    const next = heap.pop();
    next.timerSlot = 'off';
    order.push(`${next.deadlineMs}/${next.sequence}`);
  }
  return order;
}

/** A deterministic shuffle of 0..n-1 (a fixed LCG), so the heap sees keys out of order. */
function scrambled(n: number): number[] {
  const values = Array.from({ length: n }, (_, i) => i);
  let state = 12345;
  for (let i = n - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [values[i], values[j]] = [values[j] as number, values[i] as number];
  }
  return values;
}

describe('the timer heap', () => {
  it('pops in (deadline, sequence) order, and cancelled entries never come out, before or after it compacts', () => {
    const heap = new TimerHeap();
    const nodes = scrambled(1000).map((i) => node(i % 97, i));
    for (const each of nodes) heap.push(each);
    // 600 cancellations: past the compaction threshold (more than 100 and half the heap) at least once.
    const cancelled = new Set(nodes.filter((each) => each.sequence % 5 !== 0).slice(0, 600));
    for (const each of cancelled) heap.cancel(each);
    const expected = nodes
      .filter((each) => !cancelled.has(each))
      .sort((a, b) => a.deadlineMs - b.deadlineMs || a.sequence - b.sequence)
      .map((each) => `${each.deadlineMs}/${each.sequence}`);
    expect(expected).toHaveLength(400);
    expect(drain(heap)).toEqual(expected);
  });

  it('ignores the old entry of a node that was cancelled and scheduled again with a new sequence', () => {
    const heap = new TimerHeap();
    const sleeper = { deadlineMs: 5, sequence: 0, timerSlot: 'off' as TimerSlot, owner: null, fireTimer: () => undefined };
    heap.push(sleeper);
    heap.push(node(7, 1));
    heap.cancel(sleeper);
    sleeper.deadlineMs = 10;
    sleeper.sequence = 2;
    heap.push(sleeper);
    expect(drain(heap)).toEqual(['7/1', '10/2']);
  });

  it('refuses to cancel a node that is not scheduled, and to schedule one twice', () => {
    const heap = new TimerHeap();
    const timer = node(1, 0);
    expect(() => heap.cancel(timer)).toThrow('timer 0 is not in the heap');
    heap.push(timer);
    expect(() => heap.push(timer)).toThrow('timer 0 is scheduled twice');
  });

  it('does not move the clock to the deadline of a timer cancelled among many', () => {
    const loop = new Loop();
    const fired: string[] = [];
    const handles: TimerHandle[] = [];
    for (let i = 0; i < 300; i++) handles.push(loop.callLater(10 + i, () => fired.push(`${loop.time()} early ${i}`)));
    loop.callLater(1000, () => fired.push(`${loop.time()} last`));
    for (const handle of handles) handle.cancel();
    expect(handles.map((handle) => handle.state)).toEqual(handles.map(() => 'cancelled'));
    expect(loop.runUntilStopped()).toBe('idle');
    expect(fired).toEqual(['1000 last']);
  });

  it('wakes tasks cancelled in their sleep and sleeping again only at their new deadlines', () => {
    const lines: string[] = [];
    function* sleeper(index: number): Operation<void> {
      try {
        yield* sleep(1_000_000);
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        yield* sleep(index);
        lines.push(`${index} woke`);
      }
    }
    function* main(): Operation<number> {
      const tasks = [];
      for (let i = 1; i <= 250; i++) tasks.push(createTask(sleeper(i)));
      yield* sleep(0);
      for (const task of tasks) task.cancel();
      for (const task of tasks) yield* task;
      return tasks.filter((task) => task.done() && !task.cancelled()).length;
    }
    expect(run(main())).toBe(250);
    expect(lines).toEqual(Array.from({ length: 250 }, (_, i) => `${i + 1} woke`));
  });
});
