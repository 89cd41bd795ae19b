import { CancelledError, ExceptionGroup, TimeoutError } from '../errors.js';
import { BrokenBarrierError } from '../sync/index.js';
import { ApplicationError } from './application-error.js';
import { renderError } from './render.js';

/** `["raise", name]`: the real error for a reserved name, an application error for any other. */
export function raiseByName(name: string): unknown {
  switch (name) {
    case 'CancelledError':
      return new CancelledError();
    case 'TimeoutError':
      return new TimeoutError();
    case 'BrokenBarrierError':
      return new BrokenBarrierError();
    default:
      return new ApplicationError(name);
  }
}

/**
 * Whether a handler pattern catches `error`: `*` anything, `Exception`
 * anything but a cancellation (CancelledError is a BaseException in Python),
 * the reserved names by class, and any other pattern by rendered name.
 */
export function matchesPattern(pattern: string, error: unknown): boolean {
  switch (pattern) {
    case '*':
      return true;
    case 'Exception':
      return !(error instanceof CancelledError);
    case 'CancelledError':
      return error instanceof CancelledError;
    case 'TimeoutError':
      return error instanceof TimeoutError;
    case 'ExceptionGroup':
      return error instanceof ExceptionGroup;
    case 'BrokenBarrierError':
      return error instanceof BrokenBarrierError;
    default:
      return !(error instanceof ExceptionGroup) && renderError(error) === pattern;
  }
}
