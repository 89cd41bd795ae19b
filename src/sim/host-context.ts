import type { Operation } from '../effects.js';
import type { Task } from '../task.js';
import type { HostClock } from './clock.js';
import { DEFAULT_PORT, type Envelope } from './envelope.js';
import type { Incarnation } from './incarnation.js';
import { call, receive, serve } from './rpc.js';

/**
 * How `host.send` sends.
 *
 * @example
 * host.send('r2', { op: 'gossip' }, { port: 'gossip' });
 */
export interface SendOptions {
  /** The receiver's mailbox for it. Default `default`. */
  port?: string;
}

/**
 * How `host.receive` waits.
 *
 * @example
 * const { message } = yield* host.receive({ port: 'gossip', timeoutMs: 100 });
 */
export interface ReceiveOptions {
  /** The mailbox to take from. Default `default`. */
  port?: string;
  /** How long to wait before TimeoutError; null or absent: no limit. */
  timeoutMs?: number | null;
}

/**
 * How `host.call` waits for its response.
 *
 * @example
 * yield* host.call('r1', { op: 'get' }, { timeoutMs: 200 });
 */
export interface CallOptions {
  /** How long to wait for the response before TimeoutError; null for no limit (a crashed peer then never answers). */
  timeoutMs: number | null;
}

/**
 * What `host.serve` runs for each request: given the request and the name
 * of the calling host, it returns the response. What it raises reaches the
 * caller as a RemoteError.
 *
 * @example
 * const echo: RequestHandler<string, string> = function* (request) { return request; };
 */
export type RequestHandler<Request = unknown, Response = unknown> = (request: Request, from: string) => Operation<Response>;

/**
 * What a host's code gets from its world: the host context, the argument of
 * its boot function. A host shares nothing with another host except messages:
 * sending copies (structured clone's semantics) and never suspends; receiving
 * and calling are effects. Each incarnation gets a new context; one of an
 * incarnation that crashed refuses everything (HostDownError).
 *
 * @example
 * function* replica(host: HostContext) {
 *   host.serve(function* (request: { op: 'get' }) {
 *     return { value: 42, at: host.clock.now() };
 *   });
 * }
 */
export class HostContext {
  constructor(private readonly life: Incarnation) {}

  /** The host's name, the same in every incarnation. */
  get name(): string {
    return this.life.host.name;
  }

  /** Which incarnation this is: 1 at the first boot, 2 after the first restart, and so on. */
  get incarnation(): number {
    return this.life.number;
  }

  /** The host's wall clock (skewed; see HostClock). Use it where a real program reads Date.now(). */
  get clock(): HostClock {
    return this.life.host.clock;
  }

  /**
   * Sends a copy of `message` to host `to`, now, without suspending. It
   * arrives after the link's latency at whichever incarnation of `to` is up
   * then, or is lost (to a fault, a partition, or a host that is down): as
   * over a real network, nothing tells the sender.
   */
  send(to: string, message: unknown, options: SendOptions = {}): void {
    this.life.checkAlive('send');
    this.life.services.send(this.life, to, 'message', portOf(options.port, 'send'), message, 0, false);
  }

  /**
   * `yield* host.receive()`: the next message of a mailbox (`options.port`),
   * waiting for one if there is none, with its sender. TimeoutError after
   * `options.timeoutMs`, when given.
   */
  receive<T = unknown>(options: ReceiveOptions = {}): Operation<Envelope<T>> {
    this.life.checkAlive('receive');
    return receive<T>(this.life, portOf(options.port, 'receive'), options.timeoutMs ?? null);
  }

  /**
   * `yield* host.call(to, request, { timeoutMs })`: sends `request` to `to`,
   * whose `serve` handler answers it, and returns the response. TimeoutError
   * when none arrives in time: a peer that is down, cut off or slow looks the
   * same. RemoteError when the handler raised.
   */
  call<Response = unknown>(to: string, request: unknown, options: CallOptions): Operation<Response> {
    this.life.checkAlive('call');
    return call<Response>(this.life, to, request, options);
  }

  /**
   * Serves calls to this host: each request that arrives runs `handler` in
   * a task of its own, and its result (or its error) goes back to the caller.
   * Returns the serving task. One handler per incarnation.
   */
  serve<Request = unknown, Response = unknown>(handler: RequestHandler<Request, Response>): Task<void> {
    this.life.checkAlive('serve');
    return serve(this.life, handler as RequestHandler);
  }

  /**
   * A number in [0, 1), as Math.random() gives, from a generator of this
   * incarnation seeded from the run: the same run draws the same numbers.
   */
  random(): number {
    this.life.checkAlive('random');
    return this.life.random();
  }

  toString(): string {
    return `the context of ${this.life.label}`;
  }
}

function portOf(port: unknown, operation: string): string {
  if (port === undefined) return DEFAULT_PORT;
  if (typeof port !== 'string' || port === '') throw new TypeError(`${operation}: a port is a non-empty string, got ${typeof port === 'string' ? '""' : String(port)}`);
  return port;
}
