// A replicated counter: a leader (r1) that applies increments and replicates
// the counter to two followers (r2, r3), which serve reads. The leader acks
// an increment once a follower has it (with the leader, a majority); it
// deduplicates retried increments by request id; every 100 ms it sends its
// state to the followers, so one that lost messages or restarted catches up.
// A restarted follower serves no read until it has synced with the leader.
//
// The bug (`variant: 'buggy'`): a follower applies every replicate message it
// gets, in the order they arrive. Messages can arrive out of order (one takes
// a slow path through the network, a retry overtakes it), and then a stale
// state overwrites a newer one: a read from that follower goes back in time.
// The fix is one comparison: apply a state only if it is newer than the one
// held (`seq > state.seq`).
import { asCompleted, buggify, createTask, sleep, TimeoutError, RemoteError, type HostContext, type Operation, type Task } from '../../src/index.js';

/** Which follower code runs: with the bug, or with its one-line fix. */
export type Variant = 'buggy' | 'fixed';

/** The counter's state, as the leader numbers it: seq counts the increments applied. */
export interface CounterState {
  seq: number;
  value: number;
}

export type Request =
  | { readonly type: 'increment'; readonly id: string }
  | { readonly type: 'replicate'; readonly seq: number; readonly value: number }
  | { readonly type: 'sync' }
  | { readonly type: 'read' };

export const LEADER = 'r1';
export const FOLLOWERS = ['r2', 'r3'] as const;

/**
 * What the test can see of each replica incarnation (`r2`, `r2#2`): its
 * state, and whether it serves reads. The replicas' own code never reads it.
 */
export const replicas = new Map<string, { state: CounterState; ready: boolean }>();

const REPLICATE_TIMEOUT_MS = 50;
const HEARTBEAT_MS = 100;

/** The leader: applies increments once each (by request id) and replicates them to a majority before it answers. */
export function* leader(host: HostContext): Operation<void> {
  const state: CounterState = { seq: 0, value: 0 };
  replicas.set(host.name, { state, ready: true });
  const increments = new Map<string, Task<number>>();
  host.serve(function* (request: Request) {
    if (request.type === 'sync') return { ...state };
    if (request.type !== 'increment') throw new Error(`the leader does not serve ${request.type}`);
    // A retried increment waits for the first attempt instead of counting twice.
    let applied = increments.get(request.id);
    if (applied === undefined) {
      state.seq++;
      state.value++;
      applied = createTask(replicateToMajority(host, { ...state }), { name: `increment ${request.id}` });
      increments.set(request.id, applied);
    }
    return yield* applied;
  });
  for (;;) {
    yield* sleep(HEARTBEAT_MS);
    for (const follower of FOLLOWERS) createTask(replicate(host, follower, { ...state }), { name: `heartbeat to ${follower}` });
  }
}

/**
 * Sends `entry` to every follower and returns its value as soon as one of
 * them acknowledges it (the leader and one follower are a majority of
 * three); the other call goes on in the background. When neither answers in
 * time, it tries again.
 */
function* replicateToMajority(host: HostContext, entry: CounterState): Operation<number> {
  for (;;) {
    for (const acknowledged of asCompleted(FOLLOWERS.map((follower) => createTask(replicate(host, follower, entry))))) {
      if (yield* acknowledged) return entry.value;
    }
  }
}

/** One replicate call: true when the follower acknowledged it in time. */
function* replicate(host: HostContext, follower: string, entry: CounterState): Operation<boolean> {
  try {
    yield* host.call(follower, { type: 'replicate', ...entry }, { timeoutMs: REPLICATE_TIMEOUT_MS });
    return true;
  } catch (error) {
    if (error instanceof TimeoutError || error instanceof RemoteError) return false;
    throw error;
  }
}

/** A follower: applies the leader's states and serves reads once it has synced. */
export function follower(variant: Variant) {
  return function* (host: HostContext): Operation<void> {
    const state: CounterState = { seq: 0, value: 0 };
    const view = { state, ready: false };
    replicas.set(host.incarnation === 1 ? host.name : `${host.name}#${host.incarnation}`, view);
    const apply = (entry: CounterState): void => {
      if (variant === 'fixed' && entry.seq <= state.seq) return; // the fix: never go back to an older state
      state.seq = entry.seq;
      state.value = entry.value;
    };
    host.serve(function* (request: Request) {
      if (request.type === 'replicate') {
        if (buggify('follower: slow apply')) yield* sleep(20);
        apply(request);
        return 'ack';
      }
      if (request.type === 'read') return view.ready ? state.value : null;
      throw new Error(`a follower does not serve ${request.type}`);
    });
    // A fresh incarnation remembers nothing: it asks the leader before it serves reads.
    for (;;) {
      try {
        apply(yield* host.call<CounterState>(LEADER, { type: 'sync' }, { timeoutMs: 100 }));
        view.ready = true;
        return;
      } catch (error) {
        if (!(error instanceof TimeoutError)) throw error;
      }
    }
  };
}

/**
 * The client: `increments` increments, each retried with the same id until
 * acknowledged, and after each a read from every follower. It checks what a
 * user of the counter relies on: each increment counts exactly once, and a
 * follower's reads never go back in time.
 */
export function client(increments: number) {
  return function* (host: HostContext): Operation<number> {
    const lastRead = new Map<string, number>();
    let value = 0;
    for (let i = 1; i <= increments; i++) {
      value = yield* retry(() => host.call<number>(LEADER, { type: 'increment', id: `inc-${i}` }, { timeoutMs: 300 }));
      if (value !== i) throw new Error(`increment ${i} was acknowledged with value ${value}: an increment was lost or counted twice`);
      for (const follower of FOLLOWERS) {
        const read = yield* readFrom(host, follower);
        if (read === null) continue;
        const before = lastRead.get(follower) ?? 0;
        if (read < before) throw new Error(`monotonic reads broken: ${follower} answered ${read} after ${before}`);
        lastRead.set(follower, read);
      }
    }
    return value;
  };
}

function* readFrom(host: HostContext, follower: string): Operation<number | null> {
  try {
    return yield* host.call<number | null>(follower, { type: 'read' }, { timeoutMs: 100 });
  } catch (error) {
    if (error instanceof TimeoutError) return null;
    throw error;
  }
}

function* retry<T>(attempt: () => Operation<T>): Operation<T> {
  for (;;) {
    try {
      return yield* attempt();
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
    }
  }
}
