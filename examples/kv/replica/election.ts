// Leader election (Raft, section 5.2): a follower that hears from no leader
// for its election timeout becomes a candidate in the next term, votes for
// itself (durably) and asks the others; a majority of votes makes it leader.
// A replica votes once per term, and only for a candidate whose log is at
// least as up to date as its own (section 5.4.1).
//
// Two rules keep leases safe (Ongaro's dissertation, sections 4.2.3 and
// 6.4.1): a replica that heard from a leader within the minimum election
// timeout (or booted within it) neither votes nor adopts the candidate's
// term, and a leader never votes for another; so while a majority keeps
// hearing from the leader, no other can be elected.
import { buggify, sleep, type Operation } from '../../../src/index.js';
import { HEARTBEAT_MS, MAJORITY } from '../config.js';
import type { VoteRequest, VoteResponse } from '../protocol.js';
import { lead } from './leader.js';
import type { Replica } from './replica.js';

/** The election timer: runs for the replica's whole life, and starts an election whenever the leader has gone quiet. */
export function* electionTimer(replica: Replica): Operation<void> {
  for (;;) {
    if (replica.role === 'leader') {
      yield* sleep(HEARTBEAT_MS);
      if (buggify('leader: step down')) replica.stepDown(); // as on a leadership transfer: another is elected
      continue;
    }
    if (replica.now() < replica.electionDueMs) {
      yield* sleep(replica.electionDueMs - replica.now());
      continue;
    }
    yield* campaign(replica);
  }
}

/** Stands for election in the next term: a durable vote for itself, then a request to every peer. */
function* campaign(replica: Replica): Operation<void> {
  const term = yield* replica.lock.with(function* () {
    yield* replica.persist({ term: replica.term + 1, votedFor: replica.host.name });
    return replica.term;
  });
  replica.leader = null;
  replica.become('candidate');
  replica.resetElectionTimer();
  const request: VoteRequest = { type: 'vote', term, candidate: replica.host.name, lastLogIndex: replica.log.lastIndex, lastLogTerm: replica.log.termAt(replica.log.lastIndex) };
  let votes = 1;
  for (const peer of replica.peers) {
    replica.spawn(
      (function* () {
        const response = yield* replica.callPeer<VoteResponse>(peer, request);
        if (response === null) return;
        if (response.term > term) return yield* replica.lock.with(() => replica.adoptTerm(response.term));
        if (!response.granted || ++votes !== MAJORITY) return;
        if (replica.role === 'candidate' && replica.term === term) yield* lead(replica);
      })(),
      `ask ${peer} for a vote in term ${term}`,
    );
  }
}


/** Answers RequestVote: the vote is durable before the answer leaves. */
export function* answerVote(replica: Replica, request: VoteRequest): Operation<VoteResponse> {
  return yield* replica.lock.with(function* () {
    if (request.term < replica.term || replica.leaderIsAlive()) return { term: replica.term, granted: false };
    yield* replica.adoptTerm(request.term);
    const lastIndex = replica.log.lastIndex;
    const lastTerm = replica.log.termAt(lastIndex);
    const upToDate = request.lastLogTerm > lastTerm || (request.lastLogTerm === lastTerm && request.lastLogIndex >= lastIndex);
    const free = replica.votedFor === null || replica.votedFor === request.candidate;
    if (!upToDate || !free) return { term: replica.term, granted: false };
    if (replica.votedFor === null) yield* replica.persist({ term: replica.term, votedFor: request.candidate });
    replica.resetElectionTimer(); // granting a vote restarts the election timer (figure 2)
    return { term: replica.term, granted: true };
  });
}
