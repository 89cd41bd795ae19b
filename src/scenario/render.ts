import { CancelledError, ExceptionGroup } from '../errors.js';
import type { Value } from './types.js';

/** `<v>` of the trace format: compact JSON (`"x"`, `3`, `null`). */
export function renderValue(value: Value): string {
  return JSON.stringify(value);
}

/**
 * `<e>` of the trace format: `CancelledError` or `CancelledError(<msg>)` for a
 * non-empty message, `ExceptionGroup[<e>,<e>]` in the group's order, and the
 * class (or application error) name for everything else.
 */
export function renderError(error: unknown): string {
  if (error instanceof CancelledError) return error.message === '' ? 'CancelledError' : `CancelledError(${error.message})`;
  if (error instanceof ExceptionGroup) return `ExceptionGroup[${error.exceptions.map(renderError).join(',')}]`;
  if (error instanceof Error) return error.name;
  return typeof error;
}
