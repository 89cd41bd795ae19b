import { timeout } from '../combinators/timeout.js';
import type { Operation } from '../effects.js';
import { CancelledError, RuntimeError, TimeoutError } from '../errors.js';
import { Future } from '../future.js';
import { createTask, type Task } from '../task.js';
import type { Envelope, InFlight } from './envelope.js';
import type { Handler } from './host-context.js';
import type { Incarnation } from './incarnation.js';
import type { Mailbox } from './mailbox.js';

/** The port requests and responses travel on (they never reach a mailbox). */
const RPC_PORT = 'rpc';

/** `host.receive`: the next message of `port`'s mailbox, within `timeoutMs` when given. */
export function receive<T>(life: Incarnation, port: string, timeoutMs: number | null): Operation<Envelope<T>> {
  const mailbox = life.endpoint.mailbox(port);
  return (timeoutMs === null ? mailbox.get() : receiveWithin(life, mailbox, port, timeoutMs)) as Operation<Envelope<T>>;
}

function* receiveWithin(life: Incarnation, mailbox: Mailbox, port: string, timeoutMs: number): Operation<InFlight> {
  try {
    return yield* timeout(timeoutMs, () => mailbox.get());
  } catch (error) {
    if (error instanceof TimeoutError) throw new TimeoutError(`${life.label} received nothing on port ${port} within ${timeoutMs} ms`, { cause: error });
    throw error;
  }
}

/** `host.call`: a request to `to`, and its response, within the timeout. */
export function* call<T>(life: Incarnation, to: string, request: unknown, options: { timeoutMs: number | null }): Operation<T> {
  const timeoutMs = checkTimeout(options);
  const callId = life.services.nextCallId();
  const response = new Future<unknown>({ description: `call #${callId} to ${to}` });
  life.endpoint.calls.set(callId, response);
  try {
    life.services.send(life, to, 'request', RPC_PORT, request, callId, false);
    if (timeoutMs === null) return (yield* response) as T;
    return (yield* timeout(timeoutMs, function* () {
      return yield* response;
    })) as T;
  } catch (error) {
    // The response future never raises a TimeoutError itself: this one is the deadline's.
    if (error instanceof TimeoutError) {
      throw new TimeoutError(`call #${callId} from ${life.label} to ${to} got no response within ${timeoutMs} ms`, { cause: error });
    }
    throw error;
  } finally {
    life.endpoint.calls.delete(callId);
  }
}

/** `host.serve`: a task that runs `handler` in a task of its own for each request, and sends back what it returns. */
export function serve(life: Incarnation, handler: Handler): Task<void> {
  if (typeof handler !== 'function') throw new TypeError(`serve(handler): handler must be a generator function (request, from) => response, got ${typeof handler}`);
  if (life.endpoint.serving) throw new RuntimeError(`${life.label} serves already: one handler per incarnation`);
  life.endpoint.serving = true;
  const loop = life.services.loop;
  return loop.withOwner(life.owner, () => createTask(serveLoop(life, handler), { name: 'serve' }));
}

function* serveLoop(life: Incarnation, handler: Handler): Operation<void> {
  for (;;) {
    const request = yield* life.endpoint.requests.get();
    createTask(answer(life, handler, request), { name: `call #${request.callId}` });
  }
}

function* answer(life: Incarnation, handler: Handler, request: InFlight): Operation<void> {
  let response: unknown;
  let failed = false;
  try {
    response = yield* handler(request.message, request.from);
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    failed = true;
    response = describeError(error);
  }
  try {
    life.services.send(life, request.from, 'response', RPC_PORT, response, request.callId, failed);
  } catch (error) {
    // A response that cannot be copied is the handler's fault: the caller hears of it.
    if (failed || !(error instanceof TypeError)) throw error;
    life.services.send(life, request.from, 'response', RPC_PORT, describeError(error), request.callId, true);
  }
}

function describeError(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'a non-Error value', message: String(error) };
}

function checkTimeout(options: { timeoutMs: number | null } | undefined): number | null {
  const timeoutMs = options?.timeoutMs;
  if (timeoutMs === null) return null;
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs)) {
    throw new TypeError(`call(to, request, { timeoutMs }): timeoutMs must be a number of milliseconds, or null for no limit; got ${String(timeoutMs)}`);
  }
  return timeoutMs;
}
