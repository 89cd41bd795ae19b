// One replica's state: what Raft keeps durable (term, vote, log: on the
// host's disk), what it keeps in memory (its role, the commit index, the
// state machine), and the one method that changes its role.
//
// Invariants, asserted where they change: the term never goes back within an
// incarnation; the commit index never goes back and never passes the log's
// end; a leader's term is the current term.
import { Future, getRunningLoop, Lock, TimeoutError, type HostContext, type Operation, type Task, type TaskGroup } from '../../../src/index.js';
import { ELECTION_TIMEOUT_MAX_MS, ELECTION_TIMEOUT_MIN_MS, REPLICAS, RPC_TIMEOUT_MS } from '../config.js';
import type { AppendRequest, ClientResponse, VoteRequest } from '../protocol.js';
import type { LogFile } from '../storage/log-file.js';
import type { HardState, VoteRecord } from '../storage/vote-record.js';
import type { Bugs } from '../variant.js';
import { invariant } from './invariant.js';
import { Leadership } from './leadership.js';
import { StateMachine } from './state-machine.js';

/** Raft's three roles. Only `Replica.become` changes a replica's role. */
export type Role = 'follower' | 'candidate' | 'leader';

/** A client's command in the leader's log, waiting to be committed and applied. */
interface Proposal {
  readonly term: number;
  readonly answer: Future<ClientResponse>;
}

export class Replica {
  private roleValue: Role = 'follower';
  /** The leader of the current term, when this replica knows it. */
  leader: string | null = null;
  commitIndex = 0;
  private lastApplied = 0;
  /**
   * Monotonic time of the last append from a leader of the current term;
   * boot counts as one, so a restarted replica, which cannot know when it
   * last heard from the leader, waits before it votes.
   */
  heardFromLeaderMs: number;
  /** When the election timer fires, unless an append from the leader, a vote granted or a campaign started resets it. */
  electionDueMs = 0;
  /** The leader's state for its term; null unless leader. */
  leadership: Leadership | null = null;
  readonly machine: StateMachine;
  /** Held while the durable state (term, vote, log) changes, so concurrent calls see it change one at a time. */
  readonly lock = new Lock();
  private readonly proposals = new Map<number, Proposal>();
  readonly peers: readonly string[];
  /** The boot task's group: a background task that raises takes the boot task, and so the run, down with it. */
  group: TaskGroup | null = null;

  constructor(
    readonly host: HostContext,
    readonly bugs: Bugs,
    readonly votes: VoteRecord,
    readonly log: LogFile,
  ) {
    this.machine = new StateMachine(bugs);
    this.peers = REPLICAS.filter((name) => name !== host.name);
    this.heardFromLeaderMs = this.now();
    // A cluster's first boot: the bootstrap replica (the first) stands as soon as
    // the others will vote, the others wait the longest timeout (as etcd or
    // Consul bootstrap a cluster from one node); after that, timeouts are random.
    const firstBoot = host.incarnation === 1 && this.log.lastIndex === 0 && this.term === 0;
    if (firstBoot) this.electionDueMs = this.now() + (host.name === REPLICAS[0] ? ELECTION_TIMEOUT_MIN_MS : ELECTION_TIMEOUT_MAX_MS);
    else this.resetElectionTimer();
  }

  get role(): Role {
    return this.roleValue;
  }

  get term(): number {
    return this.votes.current.term;
  }

  get votedFor(): string | null {
    return this.votes.current.votedFor;
  }

  /** The host's monotonic clock: the loop's virtual time (what performance.now() is on a real host). */
  now(): number {
    return getRunningLoop().time();
  }

  /** Starts a background task of this replica (a replicator, the election timer). */
  spawn<T>(operation: Operation<T>, name: string): Task<T> {
    invariant(this.group !== null, `${this.host.name} spawned ${name} before it booted`);
    return this.group.createTask(operation, { name });
  }

  /** Sets the election timer a random time in [min, max) from now, so that candidates rarely split the vote again and again. */
  resetElectionTimer(): void {
    this.electionDueMs = this.now() + ELECTION_TIMEOUT_MIN_MS + Math.floor(this.host.random() * (ELECTION_TIMEOUT_MAX_MS - ELECTION_TIMEOUT_MIN_MS));
  }

  /** Whether this replica leads, or heard from a leader (or booted) less than the minimum election timeout ago: then it votes for no one. */
  leaderIsAlive(): boolean {
    return this.roleValue === 'leader' || this.now() < this.heardFromLeaderMs + ELECTION_TIMEOUT_MIN_MS;
  }

  /**
   * The one place the role changes. Leaving leadership answers every
   * waiting proposal "unknown": it may still commit under the next leader,
   * and the client's retry (same request number) will learn how it went.
   */
  become(role: Role): void {
    if (this.roleValue === 'leader' && role !== 'leader') {
      for (const proposal of this.proposals.values()) proposal.answer.setResult({ status: 'unknown' });
      this.proposals.clear();
      this.leadership?.end();
      this.leadership = null;
    }
    if (role === 'leader') {
      invariant(this.roleValue === 'candidate' && this.votedFor === this.host.name, `${this.host.name} became leader of term ${this.term} without being its candidate`);
      this.leader = this.host.name;
      this.leadership = new Leadership(this, this.term);
    }
    this.roleValue = role;
  }

  /** Calls a peer replica (a vote or an append request); null when no answer came within RPC_TIMEOUT_MS. */
  *callPeer<Response>(peer: string, request: VoteRequest | AppendRequest): Operation<Response | null> {
    try {
      return yield* this.host.call<Response>(peer, request, { timeoutMs: RPC_TIMEOUT_MS });
    } catch (error) {
      if (error instanceof TimeoutError) return null;
      throw error;
    }
  }

  /** Gives up leadership without a newer term (BUGGIFY's leadership transfer), and waits a full election timeout before it stands again. */
  stepDown(): void {
    this.leader = null;
    this.become('follower');
    this.resetElectionTimer();
  }

  /** Moves to `term` if it is newer: durable before anything is answered in it; a leader or candidate steps down. */
  *adoptTerm(term: number): Operation<void> {
    if (term <= this.term) return;
    this.leader = null;
    if (this.roleValue !== 'follower') this.become('follower');
    yield* this.persist({ term, votedFor: null });
  }

  /** Makes the term and vote durable before anything is answered on them. */
  *persist(state: HardState): Operation<void> {
    yield* this.votes.save(state);
  }

  /** Raises the commit index to `index` and applies what became committed, answering the proposals waiting for it. */
  commitTo(index: number): void {
    if (index <= this.commitIndex) return;
    invariant(index <= this.log.lastIndex, `${this.host.name} would commit ${index} past its log's end ${this.log.lastIndex}`);
    this.commitIndex = index;
    while (this.lastApplied < this.commitIndex) {
      const entry = this.log.entry(++this.lastApplied);
      const result = this.machine.apply(entry.command);
      const proposal = this.proposals.get(this.lastApplied);
      if (proposal === undefined) continue;
      this.proposals.delete(this.lastApplied);
      const same = proposal.term === entry.term && result !== null;
      proposal.answer.setResult(same ? { status: 'ok', value: result.value, ...(result.swapped === undefined ? {} : { swapped: result.swapped }) } : { status: 'unknown' });
    }
  }

  /** A proposal at `index` of the current term: its answer comes when the entry is applied, or when leadership ends. */
  awaitCommit(index: number): Future<ClientResponse> {
    const answer = new Future<ClientResponse>({ description: `entry ${index} committed` });
    this.proposals.set(index, { term: this.term, answer });
    return answer;
  }
}
