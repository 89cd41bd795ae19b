import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/explore/choices/prng.js';

// The expected numbers were computed by an independent Python implementation
// of splitmix32-seeded xoshiro128** (arbitrary-precision integers masked to
// 32 bits), so they pin the algorithm, not just this code's current output.
describe('the exploration PRNG is the same on every platform', () => {
  it('gives fixed first outputs for seeds 0, 1 and 42', () => {
    const first = (seed: number): number[] => {
      const prng = new Prng(seed);
      return Array.from({ length: 5 }, () => prng.nextUint32());
    };
    expect(first(0)).toEqual([3809008728, 1133695204, 53579671, 2891528803, 139681546]);
    expect(first(1)).toEqual([2442144158, 3238099751, 3819917871, 2104621829, 2021136066]);
    expect(first(42)).toEqual([2837322924, 544945897, 479756282, 3500138142, 339756180]);
  });

  it('derives the generator of a run from the seed and the run index only', () => {
    const prng = Prng.forRun(42, 7);
    expect([prng.nextUint32(), prng.nextUint32(), prng.nextUint32()]).toEqual([2209528243, 3563983663, 318066393]);
    expect(Prng.forRun(42, 8).nextUint32()).not.toBe(2209528243);
    expect(Prng.forRun(43, 7).nextUint32()).not.toBe(2209528243);
  });

  it('draws integers below a bound, each about equally often', () => {
    const prng = new Prng(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[prng.nextInt(3)]!++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(400);
    expect(new Prng(5).nextInt(1)).toBe(0);
  });

  it('refuses a seed that is not a 32-bit unsigned integer, and a bad bound', () => {
    expect(() => new Prng(-1)).toThrow(RangeError);
    expect(() => new Prng(2 ** 32)).toThrow(RangeError);
    expect(() => new Prng(1.5)).toThrow(RangeError);
    expect(() => new Prng(1).nextInt(0)).toThrow(RangeError);
  });
});
