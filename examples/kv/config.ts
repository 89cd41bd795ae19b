// The cluster's names and timing, in one place. Times are virtual
// milliseconds. The world's network takes 1 ms one way when nothing goes
// wrong, and up to 100 ms (latencyMaxMs) when the run draws a slow network; a
// disk operation takes 1 to 2 ms, more when slow. The timeouts are set for
// the slow network, so that a slow message is not taken for a lost one: a
// write commits in a few milliseconds when nothing goes wrong.

/** The replicas, each on its own host with its own disk. */
export const REPLICAS = ['r1', 'r2', 'r3'] as const;

/**
 * How far each replica's wall clock is from true time, as between machines
 * that do not run NTP; the world's clock jumps move them further. The
 * correct service never compares clocks of different hosts, so this cannot
 * hurt it.
 */
export const CLOCK_OFFSETS_MS: Readonly<Record<(typeof REPLICAS)[number], number>> = { r1: 0, r2: 2_000, r3: -1_000 };

/** How many replicas make a majority. */
export const MAJORITY = Math.floor(REPLICAS.length / 2) + 1;

/** The clients, each on its own host. */
export const CLIENTS = ['c1', 'c2', 'c3', 'c4'] as const;

/** The keys the clients read and write: few, so that operations meet. */
export const KEYS = ['x', 'y'] as const;

/** A leader sends each follower an append (empty: a heartbeat) at least this often. */
export const HEARTBEAT_MS = 40;

/** A follower that has heard from no leader for a random time in [min, max) starts an election. */
export const ELECTION_TIMEOUT_MIN_MS = 250;
export const ELECTION_TIMEOUT_MAX_MS = 600;

/**
 * A leader serves reads from its own state for this long after a majority
 * acknowledged an append it sent, timed from the send. Followers grant no
 * vote for ELECTION_TIMEOUT_MIN_MS after they hear from the leader (or
 * boot), which is after the send, so no other leader can be elected before
 * the lease runs out; the difference is the margin for drift between the
 * hosts' monotonic clocks.
 */
export const LEASE_MS = 120;

/**
 * How long a replica waits for the answer to an append or a vote request
 * before it sends again: a round trip on a slow network and a disk write,
 * but short enough that a lost heartbeat or two do not look like a dead
 * leader (a late answer is ignored; the next append carries the same entries).
 */
export const RPC_TIMEOUT_MS = 100;

/** The most entries one append carries. */
export const APPEND_BATCH = 16;

/** A client pauses for a random time below this between operations. */
export const CLIENT_THINK_MAX_MS = 100;

/** How long a client waits for one attempt at a replica. */
export const CLIENT_ATTEMPT_MS = 150;

/** How long a client keeps retrying one operation during the fault phase before it records it as unknown (info). */
export const CLIENT_OPERATION_MS = 300;

/** How long the fault phase lasts. */
export const FAULT_PHASE_MS = 3_000;

/** After healing, every client's pending operation must complete within this (a few elections and a commit, with room). */
export const LIVENESS_WITHIN_MS = 5_000;
