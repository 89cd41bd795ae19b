// The follower's side of log replication (Raft, figure 2, AppendEntries):
// accept the leader of the current term, check that the log matches at the
// entry before the new ones, append what is new (cutting off a conflicting
// suffix, never entries that match: a late or duplicated append must not
// take back what a newer one added), make it durable, then acknowledge.
import { buggify, sleep, type Operation } from '../../../src/index.js';
import { RPC_TIMEOUT_MS } from '../config.js';
import type { AppendRequest, AppendResponse } from '../protocol.js';
import type { Replica } from './replica.js';

export function* answerAppend(replica: Replica, request: AppendRequest): Operation<AppendResponse> {
  return yield* replica.lock.with(function* () {
    if (request.term < replica.term) return { term: replica.term, success: false, nextIndex: 0 };
    yield* replica.adoptTerm(request.term);
    if (replica.role === 'candidate') replica.become('follower'); // another won this term
    replica.leader = request.leader;
    replica.heardFromLeaderMs = replica.now();
    replica.resetElectionTimer();
    const log = replica.log;
    if (request.prevIndex > log.lastIndex) return { term: replica.term, success: false, nextIndex: log.lastIndex + 1 };
    if (log.termAt(request.prevIndex) !== request.prevTerm) return { term: replica.term, success: false, nextIndex: request.prevIndex };
    const changed = yield* appendNew(replica, request);
    if (changed) yield* log.sync();
    if (buggify('follower: ack after the leader gave up')) yield* sleep(RPC_TIMEOUT_MS); // the leader sends the same entries again
    const matchIndex = request.prevIndex + request.entries.length;
    replica.commitTo(Math.min(request.leaderCommit, matchIndex));
    return { term: replica.term, success: true, matchIndex, clockMs: replica.host.clock.now() };
  });
}

/** Appends the entries the log does not have yet; true if the log changed. */
function* appendNew(replica: Replica, request: AppendRequest): Operation<boolean> {
  const log = replica.log;
  for (const [offset, entry] of request.entries.entries()) {
    const index = request.prevIndex + 1 + offset;
    if (index <= log.lastIndex && log.termAt(index) === entry.term) continue;
    if (index <= log.lastIndex) yield* log.truncateFrom(index);
    yield* log.append(request.entries.slice(offset));
    return true;
  }
  return false;
}
