// The messages of the service: Raft's two calls between replicas (Ongaro and
// Ousterhout, "In Search of an Understandable Consensus Algorithm", 2014,
// figure 2), and the clients' requests. Every message is a host.call request;
// its response is the value the handler returns.

/** What a client asks of the key-value store. */
export type KvOperation =
  | { readonly f: 'read'; readonly key: string }
  | { readonly f: 'write'; readonly key: string; readonly value: number }
  | { readonly f: 'cas'; readonly key: string; readonly value: readonly [number | null, number] };

/**
 * A command in the log: a client's operation with its session (the client
 * and its request number, so a retried write is applied once), or the no-op
 * a new leader appends to commit the entries of earlier terms.
 */
export type Command = { readonly kind: 'noop' } | { readonly kind: 'client'; readonly client: string; readonly seq: number; readonly op: KvOperation };

/** One entry of a replica's log; its index is its place in the log, from 1. */
export interface LogEntry {
  readonly term: number;
  readonly command: Command;
}

/** RequestVote: a candidate asks for a replica's vote in `term`. */
export interface VoteRequest {
  readonly type: 'vote';
  readonly term: number;
  readonly candidate: string;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

export interface VoteResponse {
  readonly term: number;
  readonly granted: boolean;
}

/** AppendEntries: the leader of `term` sends the entries after `prevIndex` (none: a heartbeat). */
export interface AppendRequest {
  readonly type: 'append';
  readonly term: number;
  readonly leader: string;
  readonly prevIndex: number;
  readonly prevTerm: number;
  readonly entries: readonly LogEntry[];
  readonly leaderCommit: number;
}

/** `matchIndex`: the follower's log matches the leader's up to here; on a mismatch, `nextIndex` is where the leader should try next. */
export type AppendResponse = (
  | { readonly term: number; readonly success: true; readonly matchIndex: number }
  | { readonly term: number; readonly success: false; readonly nextIndex: number }
) & { readonly clockMs?: number };

/** A client's request: an operation, numbered in the client's session. */
export interface ClientRequest {
  readonly type: 'client';
  readonly client: string;
  readonly seq: number;
  readonly op: KvOperation;
}

/**
 * What a replica answers a client: the result, or "not the leader" with a
 * hint where the leader is, or "unknown": the leader lost its leadership
 * before the operation committed, so it may or may not take effect.
 */
export type ClientResponse =
  | { readonly status: 'ok'; readonly value: number | null; readonly swapped?: boolean }
  | { readonly status: 'not-leader'; readonly leader: string | null }
  | { readonly status: 'unknown' };

export type Request = VoteRequest | AppendRequest | ClientRequest;
