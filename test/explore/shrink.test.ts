import { describe, expect, it } from 'vitest';
import { shrinkChoices } from '../../src/explore/shrink/shrink.js';

describe('shrinkChoices', () => {
  it('zeroes to its fixpoint before the passes for shorter schedules, whose cost grows with the length', () => {
    // Stream 0 is long, with the one choice the failure needs at 1000: deleting
    // chunks of it costs thousands of runs, all rejected. Stream 1 is
    // [needed, D, needed, L]: L can be zeroed only once D is; every chunk
    // holding either but L alone or D alone holds a needed choice too, and the
    // zeroing pass, going from the end, tries L alone before D alone: a second
    // zeroing pass zeroes L.
    const original = [Array.from({ length: 2_000 }, () => 1), [1, 1, 1, 1]];
    const fails = (candidate: readonly (readonly number[])[]): boolean => {
      const [long = [], short = []] = candidate;
      const at = (choices: readonly number[], index: number): number => choices[index] ?? 0;
      return at(long, 1_000) !== 0 && at(short, 0) !== 0 && at(short, 2) !== 0 && (at(short, 1) === 0 || at(short, 3) !== 0);
    };
    const outcome = shrinkChoices(original, (candidate) => (fails(candidate) ? candidate.map((choices) => [...choices]) : null), 300);
    const nonZero = outcome.streams.flatMap((choices, stream) => choices.flatMap((choice, index) => (choice === 0 ? [] : [`${stream}:${index}`])));
    expect(nonZero).toEqual(['0:1000', '1:0', '1:2']);
  });
});
