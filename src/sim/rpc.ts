import type { Operation } from '../effects.js';
import { CancelledError, RuntimeError, TimeoutError, withoutStack } from '../errors.js';
import { Future } from '../future.js';
import { createTask, type Task } from '../task.js';
import type { Envelope, InFlight } from './envelope.js';
import type { RequestHandler } from './host-context.js';
import type { Incarnation } from './incarnation.js';

/** The port requests and responses travel on (they never reach a mailbox). */
const RPC_PORT = 'rpc';

/** `host.receive`: the next message of `port`'s mailbox, within `timeoutMs` when given. */
export function receive<T>(life: Incarnation, port: string, timeoutMs: number | null): Operation<Envelope<T>> {
  const mailbox = life.endpoint.mailbox(port);
  if (timeoutMs === null) return mailbox.get() as Operation<Envelope<T>>;
  checkTimeout(timeoutMs, 'receive({ timeoutMs })');
  return mailbox.get(timeoutMs, () => quietTimeout(`${life.label} received nothing on port ${port} within ${timeoutMs} ms`)) as Operation<Envelope<T>>;
}

/**
 * `host.call`: a request to `to`, and its response, within the timeout. The
 * timeout is a timer of the caller's, which sets the response's error: a
 * crash of the caller takes it away with the call.
 */
export function* call<T>(life: Incarnation, to: string, request: unknown, options: { timeoutMs: number | null }): Operation<T> {
  const timeoutMs = options?.timeoutMs === null ? null : checkTimeout(options?.timeoutMs, 'call(to, request, { timeoutMs })');
  const callId = life.services.nextCallId();
  const response = new Future<unknown>({ description: `call #${callId} to ${to}` });
  life.endpoint.calls.set(callId, response);
  const timer = timeoutMs === null ? null : response.loop.callLater(timeoutMs, expireCall, response, life.label, to, callId, timeoutMs);
  try {
    life.services.send(life, to, 'request', RPC_PORT, request, callId, false);
    return (yield* response) as T;
  } finally {
    timer?.cancel();
    life.endpoint.calls.delete(callId);
  }
}

function expireCall(response: Future<unknown>, label: string, to: string, callId: number, timeoutMs: number): void {
  if (!response.done()) response.setException(quietTimeout(`call #${callId} from ${label} to ${to} got no response within ${timeoutMs} ms`));
}

/**
 * A TimeoutError without a stack trace: calls time out often in a simulation
 * with faults, the stack would show only the loop's internals, and capturing
 * it costs more than the rest of the call.
 */
function quietTimeout(message: string): TimeoutError {
  return withoutStack(TimeoutError, message);
}

/** `host.serve`: a task that runs `handler` in a task of its own for each request, and sends back what it returns. */
export function serve(life: Incarnation, handler: RequestHandler): Task<void> {
  if (typeof handler !== 'function') throw new TypeError(`serve(handler): handler must be a generator function (request, from) => response, got ${typeof handler}`);
  if (life.endpoint.serving) throw new RuntimeError(`${life.label} serves already: one handler per incarnation`);
  life.endpoint.serving = true;
  const loop = life.services.loop;
  return loop.withOwner(life.owner, () => createTask(serveLoop(life, handler), { name: 'serve' }));
}

function* serveLoop(life: Incarnation, handler: RequestHandler): Operation<void> {
  for (;;) {
    const request = yield* life.endpoint.requests.get();
    createTask(answer(life, handler, request), { name: `call #${request.callId}` });
  }
}

function* answer(life: Incarnation, handler: RequestHandler, request: InFlight): Operation<void> {
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

function checkTimeout(timeoutMs: unknown, where: string): number {
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs)) {
    throw new TypeError(`${where}: timeoutMs must be a number of milliseconds, or null for no limit; got ${String(timeoutMs)}`);
  }
  return timeoutMs;
}
