import { gather, shield, taskGroup, timeout, wait, waitFor } from '../combinators/index.js';
import type { OpTable } from './interpreter.js';
import { renderError, renderValue } from './render.js';
import type { Value } from './types.js';

/** The ops of asyncio's combinators: shield, wait_for, timeout, group, gather, wait. */
export const CONCURRENCY_OPS: Partial<OpTable> = {
  *shield(interpreter, [, variable]) {
    const value = yield* shield(interpreter.lookup(variable));
    interpreter.trace.emit(`shield ${variable} -> ${renderValue(value)}`);
    return undefined;
  },
  *wait_for(interpreter, [, variable, ticks]) {
    const value = yield* waitFor(interpreter.lookup(variable), ticks);
    interpreter.trace.emit(`wait_for ${variable} -> ${renderValue(value)}`);
    return undefined;
  },
  *timeout(interpreter, [, ticks, body], frame) {
    return yield* timeout(ticks, () => interpreter.runOps(body, frame));
  },
  *group(interpreter, [, body], frame) {
    return yield* taskGroup(function* (group) {
      frame.spawners.push((coro, name) => group.createTask(coro, { name }));
      try {
        return yield* interpreter.runOps(body, frame);
      } finally {
        frame.spawners.pop();
      }
    });
  },
  *gather(interpreter, [, variables, returnExceptions]) {
    const items: unknown[] = yield* gather(
      variables.map((variable) => interpreter.lookup(variable)),
      { returnExceptions },
    );
    const shown = items.map((item) => (item instanceof Error ? `error ${renderError(item)}` : renderValue(item as Value)));
    interpreter.trace.emit(`gather -> [${shown.join(',')}]`);
    return undefined;
  },
  *wait(interpreter, [, variables, mode, ticks]) {
    const { done, pending } = yield* wait(
      variables.map((variable) => interpreter.lookup(variable)),
      { returnWhen: mode, timeoutMs: ticks },
    );
    const names = (set: ReadonlySet<{ getName(): string }>) => [...set].map((task) => task.getName()).sort().join(',');
    interpreter.trace.emit(`wait -> done [${names(done)}] pending [${names(pending)}]`);
    return undefined;
  },
};
