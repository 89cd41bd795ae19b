// Which replica code runs: the correct service, or one of its realistic bugs.
// Each bug is one line of the replica's code, guarded by a flag of this
// record; `VARIANTS` names them for the demo, the tests and the modules the
// command line explores (correct.js, ack-before-sync.js, ...).

/**
 * The bugs a variant has. Each flag turns one line of the correct replica
 * into a mistake real systems have made.
 *
 * @example
 * const bugs: Bugs = { ...NO_BUGS, ackBeforeSync: true };
 */
export interface Bugs {
  /**
   * (a) A follower acknowledges appended entries before they are fsynced
   * (a group-commit flusher makes them durable up to 100 ms later): the
   * leader counts an acknowledgement that a crash can take back, so a write
   * is acknowledged before it is durable on a majority.
   */
  readonly ackBeforeSync: boolean;
  /**
   * (b) The leader times its read lease with the wall clock instead of the
   * monotonic one: a clock that jumps back stretches the lease, and a leader
   * deposed during a partition goes on serving reads from its stale state.
   */
  readonly wallClockLease: boolean;
  /**
   * (c) A replica writes its term and vote without fsyncing them: a crash
   * takes them back, and the restarted replica accepts appends from a leader
   * it had already seen deposed, or votes twice in one term.
   */
  readonly voteWithoutSync: boolean;
}

/** The correct service: no bug at all. */
export const NO_BUGS: Bugs = { ackBeforeSync: false, wallClockLease: false, voteWithoutSync: false };

/** A variant's name, as the modules, the demo and `kvTest` name it. */
export type VariantName = 'correct' | 'ack-before-sync' | 'wall-clock-lease' | 'vote-without-sync';

/** Each variant: its bugs and the sentence that says what it gets wrong. */
export const VARIANTS: Readonly<Record<VariantName, { readonly bugs: Bugs; readonly title: string }>> = {
  correct: { bugs: NO_BUGS, title: 'the correct service' },
  'ack-before-sync': { bugs: { ...NO_BUGS, ackBeforeSync: true }, title: 'followers acknowledge appends before fsync' },
  'wall-clock-lease': { bugs: { ...NO_BUGS, wallClockLease: true }, title: "the leader's read lease runs on the wall clock" },
  'vote-without-sync': { bugs: { ...NO_BUGS, voteWithoutSync: true }, title: 'a replica does not fsync its term and vote' },
};
