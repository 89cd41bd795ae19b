// showValue: how every message shows a value, bounded whatever the value.
import { describe, expect, it } from 'vitest';
import { cutText, showValue } from '../src/show.js';

describe('showValue', () => {
  it('quotes strings and shows numbers as they are, so "10" and 10 differ', () => {
    expect([showValue('10'), showValue(10), showValue(-0), showValue(10n), showValue(Number.NaN)]).toEqual(['"10"', '10', '-0', '10n', 'NaN']);
  });

  it('shows arrays and plain objects as compact JSON, objects without a prototype too', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect([showValue([1, 'a', null, [true]]), showValue({ a: [1], b: { c: 'd' } }), showValue(bare)]).toEqual([
      '[1,"a",null,[true]]',
      '{"a":[1],"b":{"c":"d"}}',
      '{"a":1}',
    ]);
  });

  it('names functions, errors, symbols and class instances, by their own toString when they have one', () => {
    class Point {}
    class Named {
      toString(): string {
        return 'Named thing';
      }
    }
    expect([showValue(function tick() {}), showValue(() => 1), showValue(new RangeError('x')), showValue(Symbol('s')), showValue(new Point()), showValue(new Named())]).toEqual([
      'function tick',
      'function (anonymous)',
      'RangeError: x',
      'Symbol(s)',
      'Point object',
      'Named thing',
    ]);
  });

  it('cuts a long value, a deep one and a cyclic one to the length asked, in time bounded by that length', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(showValue('x'.repeat(1_000_000))).toBe(`"${'x'.repeat(76)}...`);
    expect(showValue(deep, 10)).toBe('[[[[[[[...');
    expect(showValue(cyclic, 30)).toBe('{"a":1,"self":{"a":1,"self"...');
    expect(showValue(new Array(1_000_000).fill(7), 12)).toBe('[7,7,7,7,...');
  });

  it('never throws: a value that cannot be shown says so', () => {
    const hostile = new Proxy({}, {
      getPrototypeOf() {
        throw new Error('no');
      },
    });
    expect(showValue(hostile)).toBe('<a value that cannot be shown>');
  });
});

describe('cutText', () => {
  it('leaves short text alone and ends cut text with ...', () => {
    expect([cutText('abc', 5), cutText('abcdef', 5), cutText('abcdef', 2)]).toEqual(['abc', 'ab...', '...']);
  });
});
