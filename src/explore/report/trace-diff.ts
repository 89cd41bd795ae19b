import { renderTrace, type TraceEvent } from './trace.js';

/**
 * Where two traces first part: the event index and each side's line there (null past its end).
 *
 * @example
 * const difference: TraceDifference | null = diffTraces(before, after);
 * if (difference !== null) console.log(`event ${difference.index}: ${difference.a} / ${difference.b}`);
 */
export interface TraceDifference {
  readonly index: number;
  readonly a: string | null;
  readonly b: string | null;
}

/**
 * The first event at which two traces differ, or null when they are the
 * same. Events compare by their rendered line, which holds every field.
 *
 * @example
 * const difference = diffTraces(first.trace, second.trace);
 * if (difference !== null) console.log(describeDifference(difference));
 */
export function diffTraces(a: readonly TraceEvent[], b: readonly TraceEvent[]): TraceDifference | null {
  const linesA = renderTrace(a);
  const linesB = renderTrace(b);
  const length = Math.max(linesA.length, linesB.length);
  for (let index = 0; index < length; index++) {
    const lineA = linesA[index] ?? null;
    const lineB = linesB[index] ?? null;
    if (lineA !== lineB) return { index, a: lineA, b: lineB };
  }
  return null;
}

/**
 * Three lines saying where traces part, for reports.
 *
 * @example
 * describeDifference({ index: 3, a: 't=0 w: yield sleep(2)', b: 't=0 w: yield sleep(3)' })[0]; // 'first difference at event 4:'
 */
export function describeDifference(difference: TraceDifference, labels: readonly [string, string] = ['first run', 'second run']): string[] {
  return [
    `first difference at event ${difference.index + 1}:`,
    `  ${labels[0]}: ${difference.a ?? '(trace ended)'}`,
    `  ${labels[1]}: ${difference.b ?? '(trace ended)'}`,
  ];
}
