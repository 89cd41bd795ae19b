// Which replica code runs: the correct service, or one of its realistic bugs.
// Each bug is one line of the replica's code, guarded by a flag of this
// record; `VARIANTS` names them for the demo, the tests and the modules the
// command line explores (correct.js, ack-before-majority.js, ...).

/**
 * The bugs a variant has. Each flag turns one line of the correct replica
 * into a mistake real systems have made.
 *
 * @example
 * const bugs: Bugs = { ...NO_BUGS, wallClockLease: true };
 */
export interface Bugs {
  /**
   * (a) The leader counts its own copy twice when it looks for a majority
   * (as if its match index held only the followers'): it commits, and
   * acknowledges, a write as soon as its own disk has it, before a majority
   * does. A leader cut off from the others then acknowledges writes that the
   * majority's new leader never sees, and they are lost.
   */
  readonly ackBeforeMajority: boolean;
  /**
   * (b) The leader times its read lease from the clock readings the
   * followers send with their acknowledgements, taken as its own time as if
   * the clocks agreed: when a follower's clock is ahead, the lease outlasts
   * the followers' promise not to vote, and a leader deposed during a
   * partition goes on serving reads from its stale state.
   */
  readonly wallClockLease: boolean;
  /**
   * (c) The state machine drops a request older than the last one it
   * applied for the client, but executes again a retry of that last one
   * instead of answering it from the session: a retried request whose first
   * answer was lost takes effect twice, and a cas that took effect is
   * answered "not swapped".
   */
  readonly retryAppliedTwice: boolean;
}

/** The correct service: no bug at all. */
export const NO_BUGS: Bugs = { ackBeforeMajority: false, wallClockLease: false, retryAppliedTwice: false };

/** A variant's name, as the modules, the demo and `kvTest` name it. */
export type VariantName = 'correct' | 'ack-before-majority' | 'wall-clock-lease' | 'retry-applied-twice';

/** Each variant: its bugs and the sentence that says what it gets wrong. */
export const VARIANTS: Readonly<Record<VariantName, { readonly bugs: Bugs; readonly title: string }>> = {
  correct: { bugs: NO_BUGS, title: 'the correct service' },
  'ack-before-majority': { bugs: { ...NO_BUGS, ackBeforeMajority: true }, title: 'the leader acknowledges a write once its own disk has it, before a majority does' },
  'wall-clock-lease': { bugs: { ...NO_BUGS, wallClockLease: true }, title: "the leader's read lease trusts the followers' skewed wall clocks" },
  'retry-applied-twice': { bugs: { ...NO_BUGS, retryAppliedTwice: true }, title: 'a retried request whose answer was lost is applied twice' },
};
