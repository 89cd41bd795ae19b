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
});
