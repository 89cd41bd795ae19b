import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Deque } from '../../src/sync/deque.js';
import { heapPop, heapPush } from '../../src/sync/heap.js';
import { pythonLess } from '../../src/sync/index.js';

describe('the storage under the primitives', () => {
  it('Deque behaves as an array used as a double-ended queue', () => {
    const command = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), value: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('shift' as const) }),
      fc.record({ kind: fc.constant('pop' as const) }),
      fc.record({ kind: fc.constant('remove' as const), value: fc.integer({ min: 0, max: 5 }) }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 300 }), (commands) => {
        const deque = new Deque<number>();
        const model: number[] = [];
        for (const each of commands) {
          if (each.kind === 'push') {
            deque.push(each.value);
            model.push(each.value);
          } else if (each.kind === 'shift') {
            expect(deque.shift()).toBe(model.shift());
          } else if (each.kind === 'pop') {
            expect(deque.pop()).toBe(model.pop());
          } else {
            const index = model.indexOf(each.value);
            if (index >= 0) model.splice(index, 1);
            expect(deque.remove(each.value)).toBe(index >= 0);
          }
          expect(deque.length).toBe(model.length);
          expect(deque.first()).toBe(model[0]);
        }
        expect([...deque]).toEqual(model);
      }),
    );
  });

  it('the heap gives items back in sorted order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), (items) => {
        const heap: number[] = [];
        for (const item of items) heapPush(heap, item, pythonLess);
        const taken: number[] = [];
        while (heap.length > 0) taken.push(heapPop(heap, pythonLess));
        expect(taken).toEqual([...items].sort((a, b) => a - b));
      }),
    );
  });

  it("pythonLess orders like Python's <: tuples item by item, strings by code point, unlike kinds refused", () => {
    expect(pythonLess([1, 'b'], [1, 'c'])).toBe(true);
    expect(pythonLess([1], [1, 'a'])).toBe(true);
    expect(pythonLess([2], [1, 'a'])).toBe(false);
    expect(pythonLess(true, 2)).toBe(true);
    // U+FF5E sorts before U+1F600 by code point, though not by UTF-16 unit.
    expect(pythonLess('\uff5e', '\u{1f600}')).toBe(true);
    expect(pythonLess('ab', 'abc')).toBe(true);
    expect(() => pythonLess(1, 'a')).toThrow(TypeError);
    expect(() => pythonLess([1, 'a'], [1, 2])).toThrow(TypeError);
  });

  it('pythonLess is strict, and its equal items, prefixes and refusals are exact', () => {
    const pairs: [unknown, unknown][] = [
      [1, 1], [2, 1], ['a', 'a'], ['b', 'a'], ['abc', 'ab'], ['', ''], [[1, 2], [1, 2]], [[1], [1]], [[1, 2], [1]],
      [[1, [2, 3]], [1, [2, 3], 0]], [[true, 'x'], [1, 'y']], [[[1, 2]], [[1, 3]]], [[[1, 2]], [[1, 2, 0]]],
    ];
    expect(pairs.map(([a, b]) => pythonLess(a, b))).toEqual([
      false, false, false, false, false, false, false, false, false, true, true, true, true,
    ]);
    const refusal = (a: unknown, b: unknown) => {
      try {
        return String(pythonLess(a, b));
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    expect([refusal('a', 1), refusal(null, [1]), refusal([1], 'a'), refusal({}, 1), refusal([null], [1])]).toEqual([
      "TypeError: '<' not supported between string and number",
      "TypeError: '<' not supported between null and array",
      "TypeError: '<' not supported between array and string",
      "TypeError: '<' not supported between object and number",
      "TypeError: '<' not supported between null and number",
    ]);
  });

  it('Deque keeps its storage bounded: an emptied deque starts afresh, a long-shifted one is compacted', () => {
    const deque = new Deque<number>();
    const storage = () => (deque as unknown as { items: unknown[]; head: number }).items.length;
    expect([deque.shift(), deque.pop(), deque.first(), deque.length]).toEqual([undefined, undefined, undefined, 0]);
    for (let index = 0; index < 100; index++) deque.push(index);
    const sizes: number[] = [];
    for (let index = 0; index < 90; index++) {
      deque.shift();
      sizes.push(storage());
    }
    // Compacted once 50 of 100 slots are dead (half), then at 32 dead of 50 (never fewer than 32).
    expect([sizes[48], sizes[49], sizes[50], sizes[80], sizes[81]]).toEqual([100, 50, 50, 50, 18]);
    expect([deque.first(), deque.length]).toEqual([90, 10]);
    while (deque.length > 1) deque.pop();
    expect([storage(), deque.remove(90), storage(), deque.first()]).toEqual([expect.any(Number), true, 0, undefined]);
  });
});
