import { createRequire } from 'node:module';
import type * as FastCheck from 'fast-check';
import { countNonZero, trimChoices } from './schedule.js';

/**
 * Runs a candidate schedule; returns the choices it actually took when it
 * fails the same way as the original, else null.
 */
export type StillFails = (candidate: readonly number[]) => readonly number[] | null;

/** What shrinking ended with. */
export interface ShrinkOutcome {
  readonly choices: number[];
  /** Candidate runs it made. */
  readonly runs: number;
}

export const DEFAULT_SHRINK_RUNS = 1000;

/**
 * Shrinks a failing schedule while it keeps failing the same way: fewer
 * non-zero choices first, then a shorter schedule, then smaller choices
 * (a measure that strictly falls at every step, so shrinking ends). Each
 * accepted candidate is replaced by the choices its run actually took,
 * without trailing zeros, so what comes out replays exactly.
 *
 * Two passes alternate until neither helps or `budget` runs are spent:
 * setting each non-zero choice to 0 (last first), then fast-check's shrinker
 * for arrays of naturals (dropping chunks, lowering values), taken greedily.
 * Without fast-check installed only the first pass runs.
 *
 * @example
 * shrinkChoices(record.choices, (c) => failsSameWay(c), 1000).choices; // e.g. [0, 0, 1]
 */
export function shrinkChoices(original: readonly number[], stillFails: StillFails, budget = DEFAULT_SHRINK_RUNS): ShrinkOutcome {
  let current = trimChoices(original);
  let runs = 0;
  const tryCandidate = (candidate: readonly number[]): boolean => {
    if (runs >= budget) return false;
    runs++;
    const taken = stillFails(candidate);
    if (taken === null) return false;
    const trimmed = trimChoices(taken);
    if (!smaller(trimmed, current)) return false;
    current = trimmed;
    return true;
  };
  const fc = loadFastCheck();
  for (let improved = true; improved && runs < budget; ) {
    improved = zeroPass(() => current, tryCandidate);
    if (fc !== null) improved = fastCheckPass(fc, () => current, tryCandidate, () => runs >= budget) || improved;
  }
  return { choices: current, runs };
}

/** Tries setting each non-zero choice to 0, from the last; true if any stuck. */
function zeroPass(current: () => number[], tryCandidate: (candidate: readonly number[]) => boolean): boolean {
  let improved = false;
  for (let i = current().length - 1; i >= 0; i--) {
    const choices = current();
    if (i >= choices.length || choices[i] === 0) continue;
    const candidate = [...choices];
    candidate[i] = 0;
    if (tryCandidate(candidate)) improved = true;
  }
  return improved;
}

/** Takes fast-check's shrinks of the current schedule greedily, restarting after each success. */
function fastCheckPass(
  fc: typeof FastCheck,
  current: () => number[],
  tryCandidate: (candidate: readonly number[]) => boolean,
  exhausted: () => boolean,
): boolean {
  let improved = false;
  for (let again = true; again && !exhausted(); ) {
    again = false;
    const choices = current();
    const arbitrary = fc.array(fc.nat({ max: Math.max(1, ...choices) }), { maxLength: Math.max(1, choices.length) });
    for (const shrunk of arbitrary.shrink(choices, undefined)) {
      if (exhausted()) break;
      if (tryCandidate(shrunk.value)) {
        improved = again = true;
        break;
      }
    }
  }
  return improved;
}

/** Fewer non-zero choices, else shorter, else a smaller sum. */
function smaller(a: readonly number[], b: readonly number[]): boolean {
  const nonZeroA = countNonZero(a);
  const nonZeroB = countNonZero(b);
  if (nonZeroA !== nonZeroB) return nonZeroA < nonZeroB;
  if (a.length !== b.length) return a.length < b.length;
  return sum(a) < sum(b);
}

function sum(choices: readonly number[]): number {
  let total = 0;
  for (const choice of choices) total += choice;
  return total;
}

let fastCheck: typeof FastCheck | null | undefined;

/** fast-check, loaded on first use: it is an optional peer dependency, needed only to shrink. */
function loadFastCheck(): typeof FastCheck | null {
  if (fastCheck === undefined) {
    try {
      fastCheck = createRequire(import.meta.url)('fast-check') as typeof FastCheck;
    } catch {
      fastCheck = null;
    }
  }
  return fastCheck;
}
