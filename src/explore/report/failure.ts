import { CallbackError, DeadlockError, StepBudgetError } from '../../errors.js';
import { CheckFailed } from '../run-check.js';
import { firstLine } from './trace.js';

/**
 * Why a run failed: main raised (`error`), the invariant broke, nothing could
 * ever run again (`deadlock`), the step budget ran out (`step-budget`), a
 * task's exception was never retrieved (`unretrieved`, when asked for), the
 * check of the whole run found it wrong (`check`, such as a history that is
 * not linearizable), or a callback raised (`callback`: runs are strict
 * unless `callbackErrors: false`).
 *
 * @example
 * const kind: FailureKind | undefined = explore(main).failure?.failure.kind; // 'deadlock', say
 */
export type FailureKind = 'error' | 'invariant' | 'deadlock' | 'step-budget' | 'unretrieved' | 'check' | 'callback';

/**
 * A run's failure as data. Shrinking keeps a schedule only if it fails the
 * same way: the same kind and the same error class.
 *
 * @example
 * { kind: 'error', name: 'Error', message: 'lost update: balance is 50, expected 150' }
 */
export interface Failure {
  readonly kind: FailureKind;
  /** The error class, such as `Error` or `DeadlockError`, or the check's name. */
  readonly name: string;
  readonly message: string;
  /** For a failed check: the lines that explain it, and its HTML section, if any. */
  readonly explanation?: readonly string[];
  readonly html?: string;
}

/** Thrown by a run's monitor when the invariant fails after a step; it ends the run at once. */
export class InvariantViolation extends Error {
  override name = 'InvariantViolation';
}

/** A task finished with an error nobody retrieved (checked at the end of a run, when asked for). */
export class UnretrievedError extends Error {
  override name = 'UnretrievedError';
}

/** The failure a thrown value stands for. */
export function classifyFailure(error: unknown): Failure {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof InvariantViolation) return { kind: 'invariant', name, message };
  if (error instanceof UnretrievedError) return { kind: 'unretrieved', name, message };
  if (error instanceof CallbackError) return { kind: 'callback', name, message };
  if (error instanceof DeadlockError) return { kind: 'deadlock', name, message };
  if (error instanceof StepBudgetError) return { kind: 'step-budget', name, message };
  if (error instanceof CheckFailed) {
    const { explanation, html } = error.finding;
    return { kind: 'check', name, message, ...(explanation === undefined ? {} : { explanation }), ...(html === undefined ? {} : { html }) };
  }
  return { kind: 'error', name, message };
}

/** Whether two failures are the same bug for shrinking: same kind, same error class. */
export function sameFailure(a: Failure, b: Failure): boolean {
  return a.kind === b.kind && a.name === b.name;
}

/**
 * One line: `main raised Error: lost update`, `DeadlockError: deadlock at ...`.
 * A deadlock's list of unfinished tasks joins the line; other messages keep
 * their first line only.
 */
export function describeFailure(failure: Failure): string {
  const message = failure.kind === 'deadlock' ? joinLines(failure.message) : firstLine(failure.message);
  const text = message === '' ? failure.name : `${failure.name}: ${message}`;
  switch (failure.kind) {
    case 'error':
      return `main raised ${text}`;
    case 'invariant':
      return `invariant failed: ${message}`;
    case 'check':
      return `check failed: ${text}`;
    case 'unretrieved':
    case 'callback':
      return message;
    case 'deadlock':
    case 'step-budget':
      return text;
  }
}

/** `first line\n  a\n  b` as `first line a; b`. */
function joinLines(text: string): string {
  const [first = '', ...rest] = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return rest.length === 0 ? first : `${first} ${rest.join('; ')}`;
}
