import { showValue } from '../show.js';

/**
 * Refuses a time that is not a number of milliseconds, naming the call and
 * its parameter (`sleep(delayMs)`); Infinity is a time that never comes.
 *
 * @example
 * checkTime('timeout', 'delayMs', NaN); // throws TypeError: timeout(delayMs): delayMs must be a number of milliseconds, got NaN
 */
export function checkTime(api: string, name: string, value: unknown): void {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(`${api}(${name}): ${name} must be a number of milliseconds, got ${showValue(value)}`);
  }
}
