import type { StreamChoices } from '../choices/streams.js';

/**
 * How big a schedule is, compared in this order: how many choices differ
 * from 0 (FIFO, no fault), the sum of their values, then the sum of their
 * positions (earlier is smaller). Every accepted shrinking step makes it
 * strictly smaller, so shrinking ends.
 *
 * @example
 * measureOf([[0, 2, 0, 1], [1]]); // { nonZero: 3, values: 4, positions: 4 }
 */
export interface Measure {
  readonly nonZero: number;
  readonly values: number;
  readonly positions: number;
}

export function measureOf(streams: StreamChoices): Measure {
  let nonZero = 0;
  let values = 0;
  let positions = 0;
  for (const choices of streams) {
    choices.forEach((choice, position) => {
      if (choice === 0) return;
      nonZero++;
      values += choice;
      positions += position;
    });
  }
  return { nonZero, values, positions };
}

/** Whether `a` is smaller than `b`. */
export function smaller(a: Measure, b: Measure): boolean {
  if (a.nonZero !== b.nonZero) return a.nonZero < b.nonZero;
  if (a.values !== b.values) return a.values < b.values;
  return a.positions < b.positions;
}
