// What every misuse test asks of a call: the error it throws, its class and its message.
import { expect } from 'vitest';

/** The error `call` throws; fails the test when it throws nothing. */
export function thrownBy(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

/** Asserts that `call` throws exactly a `type` (not a subclass) with `message`. */
export function expectError(call: () => unknown, type: new (...args: any[]) => Error, message: string): void {
  const error = thrownBy(call);
  expect([error.constructor, error.message]).toEqual([type, message]);
}
