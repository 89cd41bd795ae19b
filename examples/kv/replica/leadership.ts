// What a leader keeps for its term, and forgets when it steps down: how far
// each follower's log matches its own, where to send next, and when each
// follower last acknowledged it, which is what its read lease rests on.
import { LEASE_MS, MAJORITY } from '../config.js';
import type { Replica } from './replica.js';
import { Wakeup } from './wakeup.js';

export class Leadership {
  /** The index the next append to each follower starts at. */
  readonly nextIndex = new Map<string, number>();
  /** How far each replica's log is known to match this leader's and be durable (the leader's own entry: its fsynced end). */
  readonly matchIndex = new Map<string, number>();
  /** For each follower, when the latest append it acknowledged was sent, on the lease's clock. */
  private readonly acknowledgedSentAt = new Map<string, number>();
  /** Wakes the replicators when entries are appended or leadership ends. */
  readonly wakeup = new Wakeup();
  /** The index of the no-op this leader appended at the start of its term; null until it is appended. */
  startIndex: number | null = null;
  private ended = false;

  constructor(
    private readonly replica: Replica,
    readonly term: number,
  ) {
    for (const peer of replica.peers) {
      this.nextIndex.set(peer, replica.log.lastIndex + 1);
      this.matchIndex.set(peer, 0);
    }
    this.matchIndex.set(replica.host.name, 0);
  }

  /** Whether this is still the replica's leadership. */
  get current(): boolean {
    return !this.ended;
  }

  end(): void {
    this.ended = true;
    this.wakeup.notify();
  }

  /** A follower answered, in this term, an append sent at `sentAt` (the leader's monotonic clock). */
  acknowledged(peer: string, sentAt: number): void {
    this.acknowledgedSentAt.set(peer, Math.max(sentAt, this.acknowledgedSentAt.get(peer) ?? -Infinity));
  }

  /**
   * Whether the leader may answer a read from its own state: a majority
   * (itself and the followers that acknowledged) heard from it within the
   * lease, so none of them will vote for another leader before it ends; and
   * its no-op is committed, so its state holds every committed write.
   */
  leaseAllowsRead(): boolean {
    if (this.startIndex === null || this.replica.commitIndex < this.startIndex) return false;
    const sentTimes = [...this.acknowledgedSentAt.values()].sort((a, b) => b - a);
    const oldestOfMajority = sentTimes[MAJORITY - 2];
    return oldestOfMajority !== undefined && this.replica.now() < oldestOfMajority + LEASE_MS;
  }

  /** The highest index durable on a majority, if it is of this term (Raft commits earlier terms' entries only through one of its own). */
  majorityIndex(): number {
    const matched = [...this.matchIndex.values()].sort((a, b) => b - a);
    const index = matched[this.replica.bugs.ackBeforeMajority ? MAJORITY - 2 : MAJORITY - 1] as number; // the bug counts the leader twice
    return index > 0 && this.replica.log.termAt(index) === this.term ? index : 0;
  }
}
