// User models: Porcupine's Model as plain data and pure functions, typed so
// that state, input and output infer.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { checkLinearizability, formatCheckResult, type HistoryOperation, type LinearizabilityResult, type Model } from '../../src/check/index.js';

type QueueInput = { op: 'enqueue'; value: number } | { op: 'dequeue' };
type QueueOutput = number | 'empty';

/** A FIFO queue; the state is the array of queued values. */
const queue: Model<readonly number[], QueueInput, QueueOutput> = {
  init: () => [],
  step: (items, input, output) => {
    if (input.op === 'enqueue') return { ok: true, state: [...items, input.value] };
    if (items.length === 0) return output === undefined || output === 'empty' ? { ok: true, state: items } : { ok: false };
    return output === undefined || output === items[0] ? { ok: true, state: items.slice(1) } : { ok: false };
  },
  describeOperation: (input, output) => (input.op === 'enqueue' ? `enqueue(${input.value})` : `dequeue() -> ${output ?? '?'}`),
  describeState: (items) => `[${items.join(', ')}]`,
};

const enqueue = (process: number, value: number, invokeTime: number, completeTime: number): HistoryOperation<QueueInput, QueueOutput> => ({
  process,
  input: { op: 'enqueue', value },
  status: 'ok',
  invokeTime,
  completeTime,
});
const dequeue = (process: number, output: QueueOutput, invokeTime: number, completeTime: number): HistoryOperation<QueueInput, QueueOutput> => ({
  process,
  input: { op: 'dequeue' },
  status: 'ok',
  output,
  invokeTime,
  completeTime,
});

describe('a user model', () => {
  it('checks a queue: concurrent enqueues may come out in either order, sequential ones only in theirs', () => {
    const concurrent = [enqueue(0, 1, 0, 10), enqueue(1, 2, 0, 10), dequeue(2, 2, 11, 12), dequeue(2, 1, 13, 14)];
    expect(checkLinearizability(concurrent, queue).verdict).toBe('linearizable');
    const sequential = [enqueue(0, 1, 0, 1), enqueue(1, 2, 2, 3), dequeue(2, 2, 4, 5)];
    expect(checkLinearizability(sequential, queue).verdict).toBe('not linearizable');
  });

  it('describes operations and states with its own hooks in the explanation', () => {
    const result = checkLinearizability([enqueue(0, 1, 0, 1), enqueue(1, 2, 2, 3), dequeue(2, 2, 4, 5)], queue);
    expect(formatCheckResult(result)).toContain('  cannot follow it: #2 p2 dequeue() -> 2 [4, 5], illegal in state [1, 2]');
  });

  it('gets undefined as the output of an operation whose outcome is unknown', () => {
    const outputs: unknown[] = [];
    const spy: Model<number, string, string> = {
      init: () => 0,
      step: (state, _input, output) => {
        outputs.push(output);
        return { ok: true, state: state + 1 };
      },
    };
    const history: HistoryOperation<string, string>[] = [
      { process: 0, input: 'a', status: 'ok', output: 'done', invokeTime: 0, completeTime: 1 },
      { process: 1, input: 'b', status: 'info', invokeTime: 2, completeTime: 3 },
    ];
    expect(checkLinearizability(history, spy).verdict).toBe('linearizable');
    expect(outputs).toEqual(['done']);
    checkLinearizability([history[1]!, { ...history[0]!, invokeTime: 4, completeTime: 5 }], spy);
    expect(outputs).toEqual(['done', undefined, 'done']);
  });

  it('is checked part by part when it partitions, each part from init', () => {
    type Input = { key: string; add: number } | { key: string; get: true };
    const counters: Model<number, Input, number> = {
      init: () => 0,
      step: (total, input, output) => ('add' in input ? { ok: true, state: total + input.add } : output === total ? { ok: true, state: total } : { ok: false }),
      partition: (input) => input.key,
    };
    const op = (process: number, input: Input, output: number | undefined, invokeTime: number): HistoryOperation<Input, number> => ({
      process,
      input,
      status: 'ok',
      ...(output === undefined ? {} : { output }),
      invokeTime,
      completeTime: invokeTime + 1,
    });
    const history = [op(0, { key: 'a', add: 2 }, undefined, 0), op(1, { key: 'b', add: 5 }, undefined, 0), op(2, { key: 'a', get: true }, 2, 2), op(3, { key: 'b', get: true }, 2, 2)];
    const result = checkLinearizability(history, counters);
    expect(result.parts.map((part) => [part.key, part.verdict])).toEqual([
      ['a', 'linearizable'],
      ['b', 'not linearizable'],
    ]);
  });

  it('compares states structurally by default, so the memo prunes equal states that are different objects', () => {
    // Writers of the same value: every order reaches an equal state, so memoisation collapses them.
    type Input = { set: number } | { get: true };
    const box = (equal?: Model<{ value: number }, Input, number>['equal']): Model<{ value: number }, Input, number> => ({
      init: () => ({ value: 0 }),
      step: (state, input, output) => ('set' in input ? { ok: true, state: { value: input.set } } : output === state.value ? { ok: true, state } : { ok: false }),
      ...(equal === undefined ? {} : { equal }),
    });
    const history: HistoryOperation<Input, number>[] = Array.from({ length: 6 }, (_, i) => ({ process: i, input: { set: 1 }, status: 'ok', invokeTime: 0, completeTime: 10 }));
    history.push({ process: 20, input: { get: true }, status: 'ok', output: 2, invokeTime: 11, completeTime: 12 });
    const structural = checkLinearizability(history, box());
    const identity = checkLinearizability(history, box((a, b) => a === b));
    expect(structural.verdict).toBe('not linearizable');
    expect(identity.verdict).toBe('not linearizable');
    // 2^6 sets of writers, one state each, against every order of them.
    expect(structural.statesExplored).toBe(193);
    expect(identity.statesExplored).toBe(2676);
  });

  it('infers the state, input and output types', () => {
    const history: HistoryOperation<{ n: number }, number>[] = [];
    const result = checkLinearizability(history, {
      init: () => 'start',
      step: (state, input, output) => {
        expectTypeOf(state).toEqualTypeOf<string>();
        expectTypeOf(input).toEqualTypeOf<{ n: number }>();
        expectTypeOf(output).toEqualTypeOf<number | undefined>();
        return { ok: true, state };
      },
    });
    expectTypeOf(result).toEqualTypeOf<LinearizabilityResult<string, { n: number }, number>>();
  });

  it('linearizes read-only operations as soon as they are legal, when the model says which they are', () => {
    type Input = { set: number } | { get: true };
    const cell = (readOnly: boolean): Model<number, Input, number> => ({
      init: () => 0,
      step: (value, input, output) => ('set' in input ? { ok: true, state: input.set } : output === undefined || output === value ? { ok: true, state: value } : { ok: false }),
      ...(readOnly ? { readOnly: (input: Input) => 'get' in input } : {}),
    });
    // Many concurrent reads of 1 and 2 around writes of 1 and 2, then a read nobody could see.
    const history: HistoryOperation<Input, number>[] = [];
    for (let i = 0; i < 6; i++) history.push({ process: i, input: { set: 1 + (i % 2) }, status: 'ok', invokeTime: 0, completeTime: 10 });
    for (let i = 0; i < 6; i++) history.push({ process: 10 + i, input: { get: true }, status: 'ok', output: 1 + (i % 2), invokeTime: 0, completeTime: 10 });
    history.push({ process: 30, input: { get: true }, status: 'ok', output: 3, invokeTime: 11, completeTime: 12 });
    const pruned = checkLinearizability(history, cell(true));
    const plain = checkLinearizability(history, cell(false));
    expect([pruned.verdict, plain.verdict]).toEqual(['not linearizable', 'not linearizable']);
    expect(pruned.statesExplored).toBeLessThan(plain.statesExplored / 5);
  });

  it('refuses a model whose read-only operation changes the state', () => {
    const liar: Model<number, string, number> = { init: () => 0, step: (n) => ({ ok: true, state: n + 1 }), readOnly: () => true };
    expect(() => checkLinearizability([{ process: 0, input: 'get', status: 'ok', output: 0, invokeTime: 0, completeTime: 1 }], liar)).toThrow(
      'the model says "get" -> 0 is read-only, but its step changed the state',
    );
  });

  it('refuses something that is not a model', () => {
    expect(() => checkLinearizability([], { init: () => 0 } as never)).toThrow('a model must have an init() and a step(state, input, output) function');
    expect(() => checkLinearizability([], 'set' as never)).toThrow('a model must be an object');
  });

  it('refuses a partition key that is neither a string nor a number', () => {
    const model: Model<number, string, string> = { init: () => 0, step: (state) => ({ ok: true, state }), partition: () => ({}) as never };
    expect(() => checkLinearizability([{ process: 0, input: 'x', status: 'ok', invokeTime: 0, completeTime: 1 }], model)).toThrow(
      "history[0]: the model's partition returned [object Object]; a key is a string or a number",
    );
  });
});
