// The search's bounds: the explored-state budget decides first and the same
// way every time, time and memory are outer guards, a hard key does not hide
// a violation in another, and long histories neither overflow the stack nor
// take long.
import { describe, expect, it } from 'vitest';
import { checkLinearizability, type HistoryOperation, type RegisterInput, type Scalar } from '../../src/check/index.js';

type Op = HistoryOperation<RegisterInput, Scalar>;

const write = (process: number, value: Scalar, invokeTime: number, completeTime: number, key?: string): Op => ({
  process,
  input: key === undefined ? { f: 'write', value } : { f: 'write', key, value },
  status: 'ok',
  invokeTime,
  completeTime,
});
const read = (process: number, output: Scalar, invokeTime: number, completeTime: number, key?: string): Op => ({
  process,
  input: key === undefined ? { f: 'read' } : { f: 'read', key },
  status: 'ok',
  output,
  invokeTime,
  completeTime,
});

/** `writers` concurrent writes, then a read of a value nobody wrote: not linearizable, and the search must try every subset. */
function hardHistory(writers: number, key?: string): Op[] {
  const ops = Array.from({ length: writers }, (_, i) => write(i, i, 0, 100, key));
  return [...ops, read(writers, 'never written', 101, 102, key)];
}

/** `count` operations one after another on one register: writes of 0, 1, 2... each read back. */
function sequentialHistory(count: number): Op[] {
  const ops: Op[] = [];
  for (let i = 0; ops.length < count; i++) {
    ops.push(write(0, i, 4 * i, 4 * i + 1));
    if (ops.length < count) ops.push(read(1, i, 4 * i + 2, 4 * i + 3));
  }
  return ops;
}

describe('budgets', () => {
  it('maxStates bounds the model steps, and the answer is the same every time', () => {
    const first = checkLinearizability(hardHistory(14), 'register', { maxStates: 1000 });
    const second = checkLinearizability(hardHistory(14), 'register', { maxStates: 1000 });
    expect(first.verdict).toBe('unknown');
    expect(first.exhausted).toBe('maxStates');
    expect(first.statesExplored).toBe(1000);
    expect(second.statesExplored).toBe(first.statesExplored);
    expect(first.parts[0]!.exhausted).toBe('maxStates');
  });

  it('with enough states the same history is decided', () => {
    const result = checkLinearizability(hardHistory(10), 'register', { maxStates: 1_000_000 });
    expect(result.verdict).toBe('not linearizable');
    expect(result.statesExplored).toBeLessThan(1_000_000);
  });

  it('timeMs is an outer guard: a search that would run long stops with unknown', () => {
    const result = checkLinearizability(hardHistory(22), 'register', { timeMs: 30, maxStates: Number.MAX_SAFE_INTEGER });
    expect(result.verdict).toBe('unknown');
    expect(result.exhausted).toBe('timeMs');
  });

  it('memory is bounded: past maxMemoryBytes the check stops with unknown, never a crash', () => {
    const result = checkLinearizability(hardHistory(20), 'register', { maxMemoryBytes: 200_000 });
    expect(result.verdict).toBe('unknown');
    expect(result.exhausted).toBe('memory');
  });

  it('a key that exhausts its share does not hide a violation in a later key', () => {
    const history = [...hardHistory(16, 'hard'), write(50, 1, 0, 1, 'easy'), read(51, 2, 2, 3, 'easy')];
    const result = checkLinearizability(history, 'kv', { maxStates: 2000 });
    expect(result.verdict).toBe('not linearizable');
    expect(result.parts.map((part) => [part.key, part.verdict])).toEqual([
      ['hard', 'unknown'],
      ['easy', 'not linearizable'],
    ]);
    expect(result.statesExplored).toBeLessThanOrEqual(2000);
  });

  it('what an easy key leaves of the budget goes to the others', () => {
    const history = [write(50, 1, 0, 1, 'easy'), read(51, 1, 2, 3, 'easy'), ...hardHistory(8, 'hard')];
    const result = checkLinearizability(history, 'kv', { maxStates: 5000 });
    expect(result.parts.map((part) => part.verdict)).toEqual(['linearizable', 'not linearizable']);
  });

  it('refuses budgets that are not positive', () => {
    expect(() => checkLinearizability([], 'register', { maxStates: 0 })).toThrow(RangeError);
    expect(() => checkLinearizability([], 'register', { timeMs: -1 })).toThrow(RangeError);
    expect(() => checkLinearizability([], 'register', { maxStates: 1.5 })).toThrow('maxStates must be a positive integer, got 1.5');
  });
});

describe('long histories', () => {
  it('a 100,000-operation register history is linearizable, with no recursion to overflow', () => {
    const result = checkLinearizability(sequentialHistory(100_000), 'register');
    expect(result.verdict).toBe('linearizable');
    expect(result.parts[0]!.linearization!.operations).toHaveLength(100_000);
    expect(result.statesExplored).toBe(100_000);
  });

  it('a bad read at the end of 100,000 operations: the prefix before it is the whole rest', () => {
    const history = sequentialHistory(100_000);
    history.push(read(2, 'stale', 400_000, 400_001));
    const result = checkLinearizability(history, 'register');
    expect(result.verdict).toBe('not linearizable');
    expect(result.parts[0]!.failure!.prefix).toHaveLength(100_000);
    expect(result.parts[0]!.failure!.blocked).toBe(100_000);
  });

  it('a kv history with 20,000 keys holds one memo table at a time', () => {
    const history: Op[] = [];
    for (let k = 0; k < 20_000; k++) history.push(write(0, k, 2 * k, 2 * k + 1, `key ${k}`), read(1, k, 2 * k, 2 * k + 2, `key ${k}`));
    const result = checkLinearizability(history, 'kv', { maxMemoryBytes: 1_000_000 });
    expect(result.verdict).toBe('linearizable');
    expect(result.parts).toHaveLength(20_000);
  });

  it('info writes that never took effect stay open without slowing the rest', () => {
    const pending: Op[] = Array.from({ length: 300 }, (_, i) => ({ process: 1000 + i, input: { f: 'write', value: `lost ${i}` }, status: 'info', invokeTime: 0, completeTime: 1 }));
    const result = checkLinearizability([...pending, ...sequentialHistory(20_000).map((op) => ({ ...op, invokeTime: op.invokeTime + 2, completeTime: op.completeTime! + 2 }))], 'register');
    expect(result.verdict).toBe('linearizable');
    expect(result.statesExplored).toBeLessThan(100_000);
  });
});

describe('histories given in process', () => {
  it('refuses a malformed operation, naming it', () => {
    expect(() => checkLinearizability([write(0, 1, 5, 4)], 'register')).toThrow('history[0].completeTime');
    expect(() => checkLinearizability([{ ...write(0, 1, 0, 1), status: 'done' as never }], 'register')).toThrow('history[0].status');
    expect(() => checkLinearizability([read(0, 1, 0, 1), { ...read(0, 1, 2, 3), output: undefined }], 'register')).toThrow('history[1].output');
    expect(() => checkLinearizability([write(0, 1, 0, 1)], 'kv')).toThrow('history[0].input: a kv operation needs a string key');
    expect(() => checkLinearizability([{ ...write(0, 1, Number.NaN, 1) }], 'register')).toThrow('history[0].invokeTime');
    expect(() => checkLinearizability([{ ...write(0, 1, 0, 1), process: -1 }], 'register')).toThrow('history[0].process: expected a non-negative integer, got -1');
  });

  it('takes operations in any order: the checker orders them by time', () => {
    const ops = [read(1, 1, 6, 7), write(0, 1, 0, 5)];
    expect(checkLinearizability(ops, 'register').verdict).toBe('linearizable');
    expect(checkLinearizability([read(1, null, 6, 7), write(0, 1, 0, 5)], 'register').verdict).toBe('not linearizable');
  });
});
