/**
 * The values of the shipped models: JSON scalars, compared as JavaScript's
 * `===` compares them once `JSON.parse` has read them (so `1` equals `1.0`,
 * and a number never equals a boolean or a string). Non-finite numbers are
 * not values: JSON cannot write them and the format refuses `1e400`.
 */
import type { Scalar } from './history.js';

/** True for a JSON scalar: a finite number, a string, a boolean or null. */
export function isScalar(value: unknown): value is Scalar {
  if (typeof value === 'number') return Number.isFinite(value);
  return value === null || typeof value === 'string' || typeof value === 'boolean';
}

/** True for `[expected, new]`: an array of exactly two scalars. */
export function isScalarPair(value: unknown): value is readonly [Scalar, Scalar] {
  return Array.isArray(value) && value.length === 2 && isScalar(value[0]) && isScalar(value[1]);
}

/** The text of a scalar as JSON writes it: `"x"`, `1`, `true`, `null`. */
export function showScalar(value: Scalar): string {
  return JSON.stringify(value);
}
