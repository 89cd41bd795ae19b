// The leader's side of log replication (Raft, figure 2): it appends client
// commands to its own log, makes them durable, sends them to each follower
// from where that follower's log matches, and commits an entry once a
// majority has it durable.
import { buggify, type Operation } from '../../../src/index.js';
import { APPEND_BATCH, HEARTBEAT_MS } from '../config.js';
import type { AppendRequest, AppendResponse, Command } from '../protocol.js';
import type { Leadership } from './leadership.js';
import type { Replica } from './replica.js';

/** Won an election: become leader, append the term's no-op, and start a replicator per follower. */
export function* lead(replica: Replica): Operation<void> {
  replica.become('leader');
  const leadership = replica.leadership!;
  for (const peer of replica.peers) replica.spawn(replicate(replica, leadership, peer), `replicate to ${peer}`);
  leadership.startIndex = yield* appendAsLeader(replica, leadership, { kind: 'noop' });
}

/**
 * Appends `command` to the leader's log and fsyncs it; returns its index,
 * or null if leadership ended first. `appended` hears of the index as soon
 * as the entry is in the log: followers may make it committed before the
 * leader's own fsync ends. The leader counts itself towards the majority
 * only once the entry is durable.
 */
export function* appendAsLeader(replica: Replica, leadership: Leadership, command: Command, appended?: (index: number) => void): Operation<number | null> {
  return yield* replica.lock.with(function* () {
    if (!leadership.current) return null;
    const index = replica.log.lastIndex + 1;
    appended?.(index);
    yield* replica.log.append([{ term: leadership.term, command }]);
    leadership.wakeup.notify();
    yield* replica.log.sync();
    if (!leadership.current) return null;
    leadership.matchIndex.set(replica.host.name, replica.log.lastIndex);
    replica.commitTo(leadership.majorityIndex());
    return index;
  });
}

/** Keeps one follower's log in step with the leader's, and sends heartbeats when there is nothing new. */
function* replicate(replica: Replica, leadership: Leadership, peer: string): Operation<void> {
  while (leadership.current) {
    // BUGGIFY: resend entries the follower has (as after a lost ack): it must keep them, not cut them.
    if (buggify('leader: resend old entries')) leadership.nextIndex.set(peer, Math.max(1, (leadership.nextIndex.get(peer) as number) - APPEND_BATCH));
    const next = leadership.nextIndex.get(peer) as number;
    const request: AppendRequest = {
      type: 'append',
      term: leadership.term,
      leader: replica.host.name,
      prevIndex: next - 1,
      prevTerm: replica.log.termAt(next - 1),
      entries: replica.log.slice(next, APPEND_BATCH),
      leaderCommit: replica.commitIndex,
    };
    const sentAt = replica.now();
    const response = yield* replica.callPeer<AppendResponse>(peer, request);
    if (!leadership.current) return;
    if (response === null) continue; // timed out: try again at once (the timeout was the wait)
    if (response.term > leadership.term) {
      yield* replica.lock.with(() => replica.adoptTerm(response.term));
      return;
    }
    // The wall-clock-lease bug takes the follower's clock reading, moved to the leader's time as if the clocks agreed.
    const ackedAt = replica.bugs.wallClockLease && response.clockMs !== undefined ? response.clockMs - replica.host.clock.now() + replica.now() : sentAt;
    leadership.acknowledged(peer, ackedAt);
    if (response.success) {
      leadership.matchIndex.set(peer, Math.max(response.matchIndex, leadership.matchIndex.get(peer) as number));
      leadership.nextIndex.set(peer, (leadership.matchIndex.get(peer) as number) + 1);
      replica.commitTo(leadership.majorityIndex());
    } else {
      leadership.nextIndex.set(peer, Math.max(1, Math.min(response.nextIndex, next - 1)));
    }
    const behind = (leadership.nextIndex.get(peer) as number) <= replica.log.lastIndex;
    if (!behind) yield* leadership.wakeup.wait(HEARTBEAT_MS);
  }
}
