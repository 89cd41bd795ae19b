/**
 * The errors of the simulated world. Each names the host, the message or the
 * option it is about, so a failing test says what went wrong and where.
 */

import { ENDS_THE_RUN } from '../errors.js';

/**
 * An operation needs a host that is up, and it is down (crashed, not yet
 * restarted): pausing or crashing it, or sending with the context of an
 * incarnation that has crashed. A call to a host that is down is not one of
 * these: over a network a crashed peer looks like a slow one, so the call
 * ends in its timeout.
 *
 * @example
 * world.crash('r1');
 * world.pause('r1'); // throws HostDownError: cannot pause r1: it is down (crashed at t=40)
 */
export class HostDownError extends Error {
  override name = 'HostDownError';
  constructor(
    message: string,
    /** The host's name. */
    readonly host: string,
  ) {
    super(message);
  }
}

/**
 * The liveness phase failed: after the world healed (no new faults,
 * partitions repaired, crashed hosts restarted), the predicate did not become
 * true within the bound (TigerBeetle's liveness mode).
 *
 * @example
 * yield* world.liveness(() => replicasAgree(), { withinMs: 5_000 });
 * // throws LivenessError: no convergence within 5000 ms after healing at t=12000
 */
export class LivenessError extends Error {
  override name = 'LivenessError';
  constructor(
    message: string,
    /** When the world healed, in virtual milliseconds. */
    readonly healedAtMs: number,
  ) {
    super(message);
  }
}

/**
 * A request's handler (see `host.serve`) raised on the serving host: the
 * caller gets this error in place of a response. `cause` is a copy of what
 * the handler raised, as the network carried it.
 *
 * @example
 * try { yield* host.call('r1', { op: 'get' }, { timeoutMs: 100 }); }
 * catch (error) { if (error instanceof RemoteError) console.log(error.host, error.message); }
 */
export class RemoteError extends Error {
  override name = 'RemoteError';
  constructor(
    message: string,
    /** The host whose handler raised. */
    readonly host: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A host's boot task raised: the host's own code failed, as a process dies
 * of an uncaught exception. It ends the run (turmoil fails a simulation whose
 * host returns an error), with the host and the error it raised as `cause`.
 *
 * @example
 * world.host('r1', function* () { throw new Error('bad config'); });
 * // the run fails: HostError: the boot task of r1 raised Error: bad config
 */
export class HostError extends Error {
  override name = 'HostError';
  /** A host's failed boot ends the run where it stands, even from the callback that learns of it. */
  get [ENDS_THE_RUN](): true {
    return true;
  }
  constructor(
    message: string,
    /** The incarnation whose boot task raised (`r1`, `r1#2`). */
    readonly host: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
