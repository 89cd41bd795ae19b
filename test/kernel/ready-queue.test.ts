import { describe, expect, it } from 'vitest';
import { ReadyQueue } from '../../src/loop/ready-queue.js';

const callback = (): void => undefined;

/** Takes every entry from the front, returning the arguments in order. */
function takeAll(queue: ReadyQueue): unknown[] {
  const taken: unknown[] = [];
  while (queue.length > 0) {
    expect(queue.callbackAt(0)).toBe(callback);
    taken.push(queue.argumentAt(0));
    queue.dropFront();
  }
  return taken;
}

describe('the ready queue', () => {
  it('keeps first-in first-out order while its ring wraps, grows past the release size, empties and starts over', () => {
    const queue = new ReadyQueue();
    for (let i = 0; i < 40; i++) queue.push(callback, i);
    const early = [];
    for (let i = 0; i < 30; i++) {
      early.push(queue.argumentAt(0));
      queue.dropFront();
    }
    // The head is now mid-ring: growing must unwrap it in order.
    for (let i = 40; i < 3000; i++) queue.push(callback, i);
    expect(queue.length).toBe(2970);
    expect([...early, ...takeAll(queue)]).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    for (let i = 0; i < 100; i++) queue.push(callback, `again ${i}`);
    expect(queue.argumentAt(99)).toBe('again 99');
    expect(takeAll(queue)).toEqual(Array.from({ length: 100 }, (_, i) => `again ${i}`));
  });

  it('moves a chosen entry to the front and keeps the others in order', () => {
    const queue = new ReadyQueue();
    for (let i = 0; i < 5; i++) queue.push(callback, i);
    queue.moveToFront(3);
    expect(takeAll(queue)).toEqual([3, 0, 1, 2, 4]);
  });
});
