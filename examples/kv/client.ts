// A client: on its own host, it reads, writes and compare-and-sets a few
// keys, one operation at a time, and records each in the run's history as
// it saw it. An operation is retried (same request number, so it takes
// effect at most once) at the replica the last answer named as leader, or at
// the next replica after a timeout. During the fault phase a client gives an
// operation up after a while and records it `info` (it may or may not have
// taken effect); once the world heals it finishes the one it has, reads every
// key once more, and stops.
import { getRunningLoop, RemoteError, sleep, TimeoutError, type HistoryRecorder, type HostContext, type Operation } from '../../src/index.js';
import { CLIENT_ATTEMPT_MS, CLIENT_OPERATION_MS, CLIENT_THINK_MAX_MS, KEYS, REPLICAS } from './config.js';
import type { ClientRequest, ClientResponse, KvOperation } from './protocol.js';

/** What the test tells its clients: which phase the run is in, and who has finished. */
export interface Workload {
  phase: 'faults' | 'liveness';
  readonly recorder: HistoryRecorder;
  readonly finished: Set<string>;
}

/** The boot function of a client. */
export function client(workload: Workload) {
  return function* boot(host: HostContext): Operation<void> {
    const session = new Session(host);
    while (workload.phase === 'faults') {
      yield* perform(workload, session, nextOperation(host, session));
      yield* sleep(Math.floor(host.random() * CLIENT_THINK_MAX_MS));
    }
    for (const key of KEYS) yield* perform(workload, session, { f: 'read', key });
    workload.finished.add(host.name);
  };
}

/** The client's side of its session: its request numbers, and where it thinks the leader is. */
class Session {
  seq = 0;
  target = 0;
  /** The value this client last saw for each key: what its cas expects. */
  readonly seen = new Map<string, number | null>();

  constructor(readonly host: HostContext) {
    this.target = Math.floor(host.random() * REPLICAS.length);
  }
}

/** A random operation on a random key: reads and writes alike, a cas now and then; every value written is new. */
function nextOperation(host: HostContext, session: Session): KvOperation {
  const key = KEYS[Math.floor(host.random() * KEYS.length)] as string;
  const roll = host.random();
  const value = Number(host.name.slice(1)) * 1_000 + session.seq + 1;
  if (roll < 0.7) return { f: 'read', key };
  if (roll < 0.85) return { f: 'write', key, value };
  return { f: 'cas', key, value: [session.seen.get(key) ?? null, value] };
}

/** One operation, recorded: invoke, then ok, fail or info. */
function* perform(workload: Workload, session: Session, op: KvOperation): Operation<void> {
  const handle = workload.recorder.invoke(session.host.name, op);
  const request: ClientRequest = { type: 'client', client: session.host.name, seq: ++session.seq, op };
  const response = yield* attempt(workload, session, request);
  if (response === null) return handle.info();
  session.seen.set(op.key, response.value);
  if (op.f === 'read') return handle.ok(response.value);
  if (op.f === 'cas' && response.swapped !== true) return handle.fail();
  handle.ok();
}

/** Tries replicas until one answers as leader; null when the fault phase's patience runs out first. */
function* attempt(workload: Workload, session: Session, request: ClientRequest): Operation<Extract<ClientResponse, { status: 'ok' }> | null> {
  const loop = getRunningLoop();
  const startedMs = loop.time();
  for (;;) {
    if (workload.phase === 'faults' && loop.time() - startedMs >= CLIENT_OPERATION_MS) return null;
    const target = REPLICAS[session.target % REPLICAS.length] as string;
    let response: ClientResponse;
    try {
      response = yield* session.host.call<ClientResponse>(target, request, { timeoutMs: CLIENT_ATTEMPT_MS });
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error instanceof RemoteError ? new Error(`${target} failed to answer ${JSON.stringify(request)}: ${error.message}`) : error;
      session.target++;
      continue;
    }
    if (response.status === 'ok') return response;
    if (response.status === 'not-leader' && response.leader !== null && response.leader !== target) {
      session.target = REPLICAS.indexOf(response.leader as (typeof REPLICAS)[number]);
      continue;
    }
    if (response.status === 'not-leader') session.target++;
    yield* sleep(10); // no leader known, or it lost its leadership: give the election a moment
  }
}
