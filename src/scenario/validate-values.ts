/**
 * Checks of single JSON values: counts, values, names and texts. Each returns
 * the value, typed and normalised, or throws a `ScenarioError` at `path`
 * saying what it got and what it expected:
 *
 * ```ts
 * checkCount(1.5, 'defs.main[0]', 'sleep ticks');
 * // throws "defs.main[0]: sleep ticks must be an integer >= 0, got 1.5"
 * ```
 */
import { showValue } from '../show.js';
import type { Value } from './types.js';
import { ScenarioError } from './validate-error.js';

/**
 * Renders what a file held for a message: compact JSON, cut short when long.
 * Bounded whatever the value's size or depth, so a 10,000-level argument
 * gives a one-line error naming its op, never a stack overflow.
 */
export function show(value: unknown): string {
  return showValue(value, 60);
}

/** True for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An integer >= `min`. JSON's `1.0` arrives as `1` and is accepted; `true`
 * is not a number. Integers past 2^53 - 1 are refused because JavaScript
 * cannot hold them exactly and would print them in exponent form, so the
 * two engines would disagree.
 */
export function checkCount(value: unknown, path: string, what: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ScenarioError(path, `${what} must be an integer >= ${min}, got ${show(value)}`);
  }
  if (value > Number.MAX_SAFE_INTEGER) {
    throw new ScenarioError(path, `${what} must be at most 2^53 - 1, got ${show(value)}`);
  }
  return value + 0; // -0 becomes 0
}

/** A value for `return` or `put`: a string, an integer or null. */
export function checkValue(value: unknown, path: string, what: string): Value {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value + 0;
  if (typeof value === 'number' && Number.isInteger(value)) {
    throw new ScenarioError(path, `${what} must be an integer between -(2^53 - 1) and 2^53 - 1, got ${show(value)}`);
  }
  throw new ScenarioError(path, `${what} must be a string, an integer or null, got ${show(value)}`);
}

/**
 * A string that fits on one trace line: no line break, and not empty when
 * `nonEmpty` is set (an error named "" could never be matched by a pattern).
 */
export function checkLine(value: unknown, path: string, what: string, nonEmpty: boolean): string {
  const expected = nonEmpty ? 'a non-empty string without line breaks' : 'a string without line breaks';
  if (typeof value !== 'string' || /[\r\n]/.test(value) || (nonEmpty && value === '')) {
    throw new ScenarioError(path, `${what} must be ${expected}, got ${show(value)}`);
  }
  return value;
}

/** True for a usable def, resource or var name: non-empty, no whitespace. */
export function isName(value: string): boolean {
  return value !== '' && !/\s/.test(value);
}
