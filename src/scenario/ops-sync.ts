import type { Barrier, Condition, Event, Lock, Queue } from '../sync/index.js';
import type { OpTable } from './interpreter.js';
import { renderValue } from './render.js';
import type { Value } from './types.js';

/** The ops on synchronisation resources: events, `with` blocks, conditions, queues, barriers. */
export const SYNC_OPS: Partial<OpTable> = {
  *event_set(interpreter, [, name]) {
    interpreter.resource<Event>(name).set();
    return undefined;
  },
  *event_clear(interpreter, [, name]) {
    interpreter.resource<Event>(name).clear();
    return undefined;
  },
  *event_wait(interpreter, [, name]) {
    yield* interpreter.resource<Event>(name).wait();
    interpreter.trace.emit(`event_wait ${name}`);
    return undefined;
  },
  /** `async with r: body`: `acquired` once held, `released` after the release, however the body ends. */
  *with(interpreter, [, name, body], frame) {
    let held = false;
    try {
      return yield* interpreter.resource<Lock>(name).with(function* () {
        held = true;
        interpreter.trace.emit(`acquired ${name}`);
        return yield* interpreter.runOps(body, frame);
      });
    } finally {
      if (held) interpreter.trace.emit(`released ${name}`);
    }
  },
  *cond_wait(interpreter, [, name]) {
    yield* interpreter.resource<Condition>(name).wait();
    interpreter.trace.emit(`cond_wait ${name}`);
    return undefined;
  },
  *cond_notify(interpreter, [, name, count]) {
    interpreter.resource<Condition>(name).notify(count);
    return undefined;
  },
  *cond_notify_all(interpreter, [, name]) {
    interpreter.resource<Condition>(name).notifyAll();
    return undefined;
  },
  *put(interpreter, [, name, value]) {
    yield* interpreter.resource<Queue<Value>>(name).put(value);
    interpreter.trace.emit(`put ${name} ${renderValue(value)}`);
    return undefined;
  },
  *get(interpreter, [, name]) {
    const value = yield* interpreter.resource<Queue<Value>>(name).get();
    interpreter.trace.emit(`get ${name} -> ${renderValue(value)}`);
    return undefined;
  },
  *task_done(interpreter, [, name]) {
    interpreter.resource<Queue<Value>>(name).taskDone();
    return undefined;
  },
  *queue_join(interpreter, [, name]) {
    yield* interpreter.resource<Queue<Value>>(name).join();
    interpreter.trace.emit(`queue_join ${name}`);
    return undefined;
  },
  *barrier_wait(interpreter, [, name]) {
    const index = yield* interpreter.resource<Barrier>(name).wait();
    interpreter.trace.emit(`barrier_wait ${name} -> ${index}`);
    return undefined;
  },
};
