// A client's request at a replica. Only the leader answers; a write or cas
// goes through the log and is answered once applied; a read is answered
// from the leader's state while its lease holds, and through the log
// otherwise, like a write.
import type { Future, Operation } from '../../../src/index.js';
import type { ClientRequest, ClientResponse } from '../protocol.js';
import { appendAsLeader } from './leader.js';
import type { Replica } from './replica.js';

export function* answerClient(replica: Replica, request: ClientRequest): Operation<ClientResponse> {
  const leadership = replica.leadership;
  if (leadership === null) return { status: 'not-leader', leader: replica.leader };
  if (request.op.f === 'read' && leadership.leaseAllowsRead()) return { status: 'ok', value: replica.machine.read(request.op.key) };
  const command = { kind: 'client', client: request.client, seq: request.seq, op: request.op } as const;
  const pending: { answer?: Future<ClientResponse> } = {};
  const index = yield* appendAsLeader(replica, leadership, command, (at) => (pending.answer = replica.awaitCommit(at)));
  if (index === null || pending.answer === undefined) return { status: 'unknown' };
  return yield* pending.answer;
}
