// Each rule of the format's Verdict section, on a hand-written history, with
// the brute-force reference as a second opinion on every one.
import { describe, expect, it } from 'vitest';
import { checkLinearizability, HistoryFormatError, operationsOf, validateHistory, type Verdict } from '../../src/check/index.js';
import { bruteForceLinearizable } from './brute-force.js';

type Event = Record<string, unknown>;
type Model = 'register' | 'kv';

/** `[process, type, f, value, time, key?]` rows, as compact as the format's own example. */
type Row = [number, string, string, unknown, number, string?];

function verdictOf(rows: Row[], model: Model = 'register'): Verdict {
  const ops: Event[] = rows.map(([process, type, f, value, time, key]) => ({ process, type, f, value, time, ...(key === undefined ? {} : { key }) }));
  const file = validateHistory({ format: 'simloop-history/1', model, ops });
  const verdict = checkLinearizability(operationsOf(file), file.model).verdict;
  expect(bruteForceLinearizable({ model, ops } as never) ? 'linearizable' : 'not linearizable').toBe(verdict);
  return verdict;
}

describe('intervals', () => {
  it('an ok operation takes effect inside its closed interval: a read overlapping a write may see either value', () => {
    const during = (value: unknown): Row[] => [[0, 'invoke', 'write', 1, 0], [1, 'invoke', 'read', null, 2], [1, 'ok', 'read', value, 3], [0, 'ok', 'write', 1, 10]];
    expect(verdictOf(during(null))).toBe('linearizable');
    expect(verdictOf(during(1))).toBe('linearizable');
    expect(verdictOf(during(2))).toBe('not linearizable');
  });

  it('a read invoked strictly after a write completed must see it', () => {
    const rows: Row[] = [[0, 'invoke', 'write', 1, 0], [0, 'ok', 'write', 1, 5], [1, 'invoke', 'read', null, 6], [1, 'ok', 'read', null, 7]];
    expect(verdictOf(rows)).toBe('not linearizable');
  });

  it('intervals that touch are concurrent (A precedes B only when A completes strictly before B is invoked)', () => {
    const rows: Row[] = [[0, 'invoke', 'write', 1, 0], [0, 'ok', 'write', 1, 5], [1, 'invoke', 'read', null, 5], [1, 'ok', 'read', null, 7]];
    expect(verdictOf(rows)).toBe('linearizable');
  });

  it("touching holds for one process's own operations too", () => {
    const rows: Row[] = [[0, 'invoke', 'write', 1, 0], [0, 'ok', 'write', 1, 5], [0, 'invoke', 'read', null, 5], [0, 'ok', 'read', null, 6]];
    expect(verdictOf(rows)).toBe('linearizable');
    const later: Row[] = [[0, 'invoke', 'write', 1, 0], [0, 'ok', 'write', 1, 5], [0, 'invoke', 'read', null, 5.5], [0, 'ok', 'read', null, 6]];
    expect(verdictOf(later)).toBe('not linearizable');
  });

  it('operations at the same instant may be taken in any order among themselves', () => {
    const rows: Row[] = [
      [0, 'invoke', 'write', 1, 5],
      [1, 'invoke', 'read', null, 5],
      [2, 'invoke', 'read', null, 5],
      [0, 'ok', 'write', 1, 5],
      [1, 'ok', 'read', 1, 5],
      [2, 'ok', 'read', null, 5],
    ];
    expect(verdictOf(rows)).toBe('linearizable');
  });

  it('an empty history, and one of only unknown outcomes, are linearizable', () => {
    expect(verdictOf([])).toBe('linearizable');
    expect(verdictOf([[0, 'invoke', 'write', 1, 0], [0, 'info', 'write', 1, 1], [1, 'invoke', 'cas', [5, 6], 2]])).toBe('linearizable');
  });
});

describe('info and never-completed operations', () => {
  const infoWrite: Row[] = [[0, 'invoke', 'write', 1, 0], [0, 'info', 'write', 1, 2]];

  it('may take effect (a later read sees the value)', () => {
    expect(verdictOf([...infoWrite, [1, 'invoke', 'read', null, 10], [1, 'ok', 'read', 1, 11]])).toBe('linearizable');
  });

  it('may never take effect (a later read sees the old value)', () => {
    expect(verdictOf([...infoWrite, [1, 'invoke', 'read', null, 10], [1, 'ok', 'read', null, 11]])).toBe('linearizable');
  });

  it('stay open to the end of the history: the instant may lie after the info event', () => {
    const rows: Row[] = [...infoWrite, [1, 'invoke', 'read', null, 3], [1, 'ok', 'read', null, 4], [1, 'invoke', 'read', null, 5], [1, 'ok', 'read', 1, 6]];
    expect(verdictOf(rows)).toBe('linearizable');
  });

  it('take effect only at or after the invocation', () => {
    const rows: Row[] = [[1, 'invoke', 'read', null, 0], [1, 'ok', 'read', 1, 1], [0, 'invoke', 'write', 1, 2], [0, 'info', 'write', 1, 3]];
    expect(verdictOf(rows)).toBe('not linearizable');
    const touching: Row[] = [[1, 'invoke', 'read', null, 0], [1, 'ok', 'read', 1, 2], [0, 'invoke', 'write', 1, 2], [0, 'info', 'write', 1, 3]];
    expect(verdictOf(touching)).toBe('linearizable');
  });

  it('take effect at most once: a value written by an info write cannot come back after being overwritten', () => {
    const rows: Row[] = [
      ...infoWrite,
      [1, 'invoke', 'read', null, 3],
      [1, 'ok', 'read', 1, 4],
      [1, 'invoke', 'write', 2, 5],
      [1, 'ok', 'write', 2, 6],
      [1, 'invoke', 'read', null, 7],
      [1, 'ok', 'read', 1, 8],
    ];
    expect(verdictOf(rows)).toBe('not linearizable');
  });

  it('an invocation never completed counts as info', () => {
    const pending: Row[] = [[0, 'invoke', 'write', 1, 0]];
    expect(verdictOf([...pending, [1, 'invoke', 'read', null, 3], [1, 'ok', 'read', null, 4], [1, 'invoke', 'read', null, 5], [1, 'ok', 'read', 1, 6]])).toBe(
      'linearizable',
    );
    expect(verdictOf([[1, 'invoke', 'read', null, 0], [1, 'ok', 'read', 1, 1], [0, 'invoke', 'write', 1, 2]])).toBe('not linearizable');
  });

  it('an info cas may or may not have swapped', () => {
    const casInfo: Row[] = [[0, 'invoke', 'cas', [null, 1], 0], [0, 'info', 'cas', [null, 1], 1]];
    expect(verdictOf([...casInfo, [1, 'invoke', 'read', null, 2], [1, 'ok', 'read', 1, 3]])).toBe('linearizable');
    expect(verdictOf([...casInfo, [1, 'invoke', 'read', null, 2], [1, 'ok', 'read', null, 3]])).toBe('linearizable');
    // It could only swap where the register held its expected value.
    const wrongExpected: Row[] = [[0, 'invoke', 'cas', [7, 1], 0], [0, 'info', 'cas', [7, 1], 1]];
    expect(verdictOf([...wrongExpected, [1, 'invoke', 'read', null, 2], [1, 'ok', 'read', 1, 3]])).toBe('not linearizable');
  });

  it('an info read constrains nothing', () => {
    const rows: Row[] = [[0, 'invoke', 'write', 1, 0], [0, 'ok', 'write', 1, 1], [1, 'invoke', 'read', null, 2], [1, 'info', 'read', 42, 3]];
    expect(verdictOf(rows)).toBe('linearizable');
  });
});

describe('fail operations are dropped', () => {
  it('a failed write took no effect', () => {
    const rows: Row[] = [[0, 'invoke', 'write', 1, 0], [0, 'fail', 'write', 1, 1], [1, 'invoke', 'read', null, 2], [1, 'ok', 'read', 1, 3]];
    expect(verdictOf(rows)).toBe('not linearizable');
  });

  it('a failed cas says nothing about the value', () => {
    // The cas would have succeeded on null; failing says nothing, so it is no violation.
    const rows: Row[] = [[0, 'invoke', 'cas', [null, 1], 0], [0, 'fail', 'cas', [null, 1], 1], [1, 'invoke', 'read', null, 2], [1, 'ok', 'read', null, 3]];
    expect(verdictOf(rows)).toBe('linearizable');
  });
});

describe('the models', () => {
  it('cas swaps only where the register holds the expected value', () => {
    const rows: Row[] = [[0, 'invoke', 'cas', [null, 1], 0], [0, 'ok', 'cas', [null, 1], 1], [0, 'invoke', 'cas', [1, 2], 2], [0, 'ok', 'cas', [1, 2], 3]];
    expect(verdictOf(rows)).toBe('linearizable');
    expect(verdictOf([[0, 'invoke', 'cas', [0, 1], 0], [0, 'ok', 'cas', [0, 1], 1]])).toBe('not linearizable');
  });

  it('a number never equals a boolean or a string; 1 equals 1.0', () => {
    const write: Row[] = [[0, 'invoke', 'write', 1, 0], [0, 'ok', 'write', 1, 1]];
    expect(verdictOf([...write, [1, 'invoke', 'read', null, 2], [1, 'ok', 'read', true, 3]])).toBe('not linearizable');
    expect(verdictOf([...write, [1, 'invoke', 'read', null, 2], [1, 'ok', 'read', '1', 3]])).toBe('not linearizable');
    expect(verdictOf([...write, [1, 'invoke', 'read', null, 2], [1, 'ok', 'read', 1.0, 3]])).toBe('linearizable');
    expect(verdictOf([[0, 'invoke', 'write', 0, 0], [0, 'ok', 'write', 0, 1], [1, 'invoke', 'cas', [false, 1], 2], [1, 'ok', 'cas', [false, 1], 3]])).toBe(
      'not linearizable',
    );
    expect(verdictOf([[1, 'invoke', 'read', null, 0], [1, 'ok', 'read', 'null', 1]])).toBe('not linearizable');
  });

  it('register ignores keys: one register whatever the ops say', () => {
    const rows: Row[] = [[0, 'invoke', 'write', 1, 0, 'x'], [0, 'ok', 'write', 1, 1, 'x'], [1, 'invoke', 'read', null, 2, 'y'], [1, 'ok', 'read', 1, 3, 'y']];
    expect(verdictOf(rows, 'register')).toBe('linearizable');
    expect(verdictOf(rows, 'kv')).toBe('not linearizable');
  });

  it('kv keys are independent registers, the empty string one of them', () => {
    const rows: Row[] = [
      [0, 'invoke', 'write', 1, 0, 'x'],
      [0, 'ok', 'write', 1, 1, 'x'],
      [1, 'invoke', 'read', null, 2, ''],
      [1, 'ok', 'read', null, 3, ''],
      [1, 'invoke', 'read', null, 4, 'x'],
      [1, 'ok', 'read', 1, 5, 'x'],
    ];
    expect(verdictOf(rows, 'kv')).toBe('linearizable');
    expect(verdictOf([...rows, [2, 'invoke', 'read', null, 6, ''], [2, 'ok', 'read', 1, 7, '']], 'kv')).toBe('not linearizable');
  });

  it('a kv history is linearizable exactly when every key is: orders that only work across keys do not count', () => {
    // Each key alone is fine; the history as a whole is too (keys never constrain each other).
    const rows: Row[] = [
      [0, 'invoke', 'write', 1, 0, 'x'],
      [1, 'invoke', 'write', 1, 0, 'y'],
      [2, 'invoke', 'read', null, 1, 'x'],
      [3, 'invoke', 'read', null, 1, 'y'],
      [2, 'ok', 'read', null, 2, 'x'],
      [3, 'ok', 'read', 1, 2, 'y'],
      [0, 'ok', 'write', 1, 3, 'x'],
      [1, 'ok', 'write', 1, 3, 'y'],
    ];
    expect(verdictOf(rows, 'kv')).toBe('linearizable');
  });
});

describe('a file given whole', () => {
  const ops = [
    { process: 0, type: 'invoke', f: 'write', key: 'x', value: 1, time: 0 },
    { process: 0, type: 'ok', f: 'write', key: 'x', value: 1, time: 1 },
    { process: 1, type: 'invoke', f: 'read', key: 'y', value: null, time: 2 },
    { process: 1, type: 'ok', f: 'read', key: 'y', value: 1, time: 3 },
  ];

  it('is validated and checked against its own model, or the one given', () => {
    const file = { format: 'simloop-history/1', model: 'kv', ops };
    expect(checkLinearizability(file as never).verdict).toBe('not linearizable');
    expect(checkLinearizability(file as never, { maxStates: 10 }).parts.map((part) => part.key)).toEqual(['x', 'y']);
    expect(checkLinearizability(file as never, 'register').verdict).toBe('linearizable');
  });

  it('is refused with the path of its first problem when invalid', () => {
    expect(() => checkLinearizability({ format: 'simloop-history/1', model: 'kv', ops: [{ ...ops[0], time: -1 }, ops[0]] } as never)).toThrow(HistoryFormatError);
    expect(() => checkLinearizability({ format: 'simloop-history/2' } as never)).toThrow('format: expected "simloop-history/1", got "simloop-history/2"');
  });
});
