// A replica's boot: recover the durable state from the host's disk, then
// serve the calls of the other replicas and of the clients, and run the
// election timer. Everything a boot makes is the incarnation's memory; only
// the disk survives a crash.
import { taskGroup, type HostContext, type Operation } from '../../../src/index.js';
import type { Request } from '../protocol.js';
import { LogFile } from '../storage/log-file.js';
import { VoteRecord } from '../storage/vote-record.js';
import type { Bugs } from '../variant.js';
import { answerVote, electionTimer } from './election.js';
import { answerAppend } from './follower.js';
import { Replica } from './replica.js';
import { answerClient } from './requests.js';

/** The boot function of a replica with `bugs`: its term, vote and log live on the host's disk. */
export function replica(bugs: Bugs) {
  return function* boot(host: HostContext): Operation<void> {
    const disk = host.disk;
    const voteFile = yield* disk.open('vote', { create: true });
    const logFile = yield* disk.open('log', { create: true });
    yield* disk.fsyncDirectory(); // the names must be durable before anything written in them is relied on
    const state = new Replica(host, bugs, yield* VoteRecord.recover(voteFile), yield* LogFile.recover(logFile));
    host.serve(function* (request: Request) {
      switch (request.type) {
        case 'vote':
          return yield* answerVote(state, request);
        case 'append':
          return yield* answerAppend(state, request);
        case 'client':
          return yield* answerClient(state, request);
      }
    });
    yield* taskGroup(function* (group) {
      state.group = group;
      group.createTask(electionTimer(state), { name: 'election timer' });
    });
  };
}
