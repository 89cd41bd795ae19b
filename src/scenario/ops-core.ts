import { sleep } from '../effects.js';
import { createTask, currentTask } from '../task.js';
import { matchesPattern, raiseByName } from './error-names.js';
import type { Frame, Interpreter, OpTable, Returned } from './interpreter.js';
import { renderError, renderValue } from './render.js';
import type { Handler, Op } from './types.js';

/** The ops of the kernel: logging, time, tasks, cancellation and control flow. */
export const CORE_OPS: Partial<OpTable> = {
  *log(interpreter, [, text]) {
    interpreter.trace.emit(`log ${text}`);
    return undefined;
  },
  *sleep(_interpreter, [, ticks]) {
    yield* sleep(ticks);
    return undefined;
  },
  *spawn(interpreter, [, variable, def], frame) {
    const spawner = frame.spawners[frame.spawners.length - 1];
    const body = interpreter.runDef(def);
    interpreter.bind(variable, spawner === undefined ? createTask(body, { name: variable }) : spawner(body, variable));
    interpreter.trace.emit(`spawn ${variable}`);
    return undefined;
  },
  *await(interpreter, [, variable]) {
    const value = yield* interpreter.lookup(variable);
    interpreter.trace.emit(`await ${variable} -> ${renderValue(value)}`);
    return undefined;
  },
  *cancel(interpreter, op) {
    const target = op[1];
    const task = target === 'self' ? currentTask() : interpreter.lookup(target);
    const accepted = op.length === 3 ? task.cancel(op[2]) : task.cancel();
    interpreter.trace.emit(`cancel ${target} -> ${accepted}`);
    return undefined;
  },
  *uncancel(interpreter) {
    interpreter.trace.emit(`uncancel -> ${currentTask().uncancel()}`);
    return undefined;
  },
  *cancelling(interpreter) {
    interpreter.trace.emit(`cancelling -> ${currentTask().cancelling()}`);
    return undefined;
  },
  *status(interpreter, [, variable]) {
    interpreter.trace.emit(`status ${variable} -> ${status(interpreter, variable)}`);
    return undefined;
  },
  *return(_interpreter, [, value]) {
    return { value };
  },
  *raise(_interpreter, [, name]) {
    throw raiseByName(name);
  },
  *try(interpreter, op, frame) {
    return yield* runTry(interpreter, op, frame);
  },
  *reraise(_interpreter, _op, frame) {
    return frame.handled.reraise();
  },
  *repeat(interpreter, op, frame) {
    const [, count, body] = op;
    for (let i = 0; i < count; i++) {
      // An iteration is work even when its body is empty: `["repeat", 2**53 - 1, []]` must end too.
      interpreter.spend(op);
      const returned = yield* interpreter.runOps(body, frame);
      if (returned !== undefined) return returned;
    }
    return undefined;
  },
};

function status(interpreter: Interpreter, variable: string): string {
  const task = interpreter.lookup(variable);
  if (!task.done()) return 'pending';
  if (task.cancelled()) return 'cancelled';
  const error = task.exception();
  return error === undefined ? `result ${renderValue(task.result())}` : `error ${renderError(error)}`;
}

/**
 * Python's try / except / finally. A handler runs with its error pushed on
 * the task's handled errors, and so does a finally entered because of an
 * error: that is what `reraise` re-raises. A `return` inside a finally
 * replaces whatever was propagating, as in Python.
 */
function* runTry(
  interpreter: Interpreter,
  op: Extract<Op, ['try', ...unknown[]]>,
  frame: Frame,
): Generator<any, Returned | undefined, unknown> {
  const [, body, handlers, finallyOps] = op;
  let returned: Returned | undefined;
  try {
    returned = yield* runHandled(interpreter, body, handlers, frame);
  } catch (error) {
    if (finallyOps === undefined) throw error;
    interpreter.trace.emit('finally');
    frame.handled.push(error);
    try {
      const fromFinally = yield* interpreter.runOps(finallyOps, frame);
      if (fromFinally !== undefined) return fromFinally;
    } finally {
      frame.handled.pop();
    }
    throw error;
  }
  if (finallyOps !== undefined) {
    interpreter.trace.emit('finally');
    const fromFinally = yield* interpreter.runOps(finallyOps, frame);
    if (fromFinally !== undefined) return fromFinally;
  }
  return returned;
}

function* runHandled(
  interpreter: Interpreter,
  body: Op[],
  handlers: Handler[],
  frame: Frame,
): Generator<any, Returned | undefined, unknown> {
  try {
    return yield* interpreter.runOps(body, frame);
  } catch (error) {
    const handler = handlers.find(([pattern]) => matchesPattern(pattern, error));
    if (handler === undefined) throw error;
    interpreter.trace.emit(`caught ${renderError(error)}`);
    frame.handled.push(error);
    try {
      return yield* interpreter.runOps(handler[1], frame);
    } finally {
      frame.handled.pop();
    }
  }
}
