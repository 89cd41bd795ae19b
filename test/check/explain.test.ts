// The explanation of a verdict, line by line.
import { describe, expect, it } from 'vitest';
import { checkLinearizability, formatCheckResult, type HistoryOperation, type RegisterInput, type Scalar } from '../../src/check/index.js';

type Op = HistoryOperation<RegisterInput, Scalar>;

const op = (process: number, input: RegisterInput, invokeTime: number, completeTime: number | undefined, extra: Partial<Op> = {}): Op => ({
  process,
  input,
  status: 'ok',
  invokeTime,
  ...(completeTime === undefined ? {} : { completeTime }),
  ...extra,
});

describe('formatCheckResult', () => {
  it('is the verdict alone for a linearizable history', () => {
    const result = checkLinearizability([op(0, { f: 'write', value: 1 }, 0, 1)], 'register');
    expect(formatCheckResult(result)).toEqual(['linearizable']);
  });

  it('explains a register history: the prefix with its states, the operation that cannot follow, the other candidates', () => {
    const history = [
      op(0, { f: 'write', value: 1 }, 0, 2),
      op(1, { f: 'write', value: 2 }, 3, 10),
      op(2, { f: 'read' }, 4, 5, { output: 3 }),
      op(3, { f: 'cas', value: [7, 8] }, 4, undefined, { status: 'info' }),
    ];
    expect(formatCheckResult(checkLinearizability(history, 'register'))).toEqual([
      'not linearizable',
      '(#n: the n-th operation invoked, from 0; pN: its process; [invoke, complete]: its interval)',
      'the register: not linearizable (4 operations, 6 states explored, 3 orders tried)',
      '  longest linearizable prefix, 2 operations, with the state after each:',
      '    1. #0 p0 write(1) [0, 2] => 1',
      '    2. #1 p1 write(2) [3, 10] => 2',
      '  cannot follow it: #2 p2 read() -> 3 [4, 5], illegal in state 2',
      '  it completed before any other operation that could come first was legal; those others, in state 2:',
      '    #3 p3 cas(7, 8) [4, never completed]: outcome unknown, illegal',
      '  the longest orders tried, each with the state it reaches and the operation whose completion it could not get past:',
      '    #0 #1 => 2, stuck at #2',
      '    #0 => 1, stuck at #2',
      '    (empty) => null, stuck at #0',
    ]);
  });

  it('explains each failing key of a kv history, in the order of their first operation', () => {
    const history = [
      op(0, { f: 'write', key: 'b', value: 1 }, 0, 1),
      op(1, { f: 'read', key: 'a' }, 0, 1, { output: 'x' }),
      op(2, { f: 'read', key: 'b' }, 2, 3, { output: null }),
      op(3, { f: 'read', key: '' }, 2, 3, { output: null }),
    ];
    const lines = formatCheckResult(checkLinearizability(history, 'kv'));
    expect(lines.filter((line) => line.startsWith('key'))).toEqual([
      'key "b": not linearizable (2 operations, 2 states explored, 2 orders tried)',
      'key "a": not linearizable (1 operations, 1 states explored, 1 orders tried)',
    ]);
    expect(lines).toContain('  longest linearizable prefix: none, no operation can come first');
    expect(lines).toContain('  cannot follow it: #1 p1 read("a") -> "x" [0, 1], illegal in state null');
    expect(lines).toContain('  cannot follow it: #2 p2 read("b") -> null [2, 3], illegal in state 1');
  });

  it('shows the last 20 operations of a long prefix and says how many came before', () => {
    const history: Op[] = [];
    for (let i = 0; i < 30; i++) history.push(op(0, { f: 'write', value: i }, 2 * i, 2 * i + 1));
    history.push(op(1, { f: 'read' }, 100, 101, { output: 0 }));
    const lines = formatCheckResult(checkLinearizability(history, 'register'));
    expect(lines[3]).toBe('  longest linearizable prefix, 30 operations, with the state after each:');
    expect(lines[4]).toBe('    ... 10 earlier operations');
    expect(lines[5]).toBe('    11. #10 p0 write(10) [20, 21] => 10');
    expect(lines[24]).toBe('    30. #29 p0 write(29) [58, 59] => 29');
    expect(lines[25]).toBe('  cannot follow it: #30 p1 read() -> 0 [100, 101], illegal in state 29');
  });

  it('names the budget that ran out and the undecided parts', () => {
    const writes = Array.from({ length: 12 }, (_, i) => op(i, { f: 'write', key: 'k', value: i }, 0, 10));
    const result = checkLinearizability([...writes, op(20, { f: 'read', key: 'k' }, 11, 12, { output: 99 })], 'kv', { maxStates: 50 });
    expect(formatCheckResult(result)).toEqual(['unknown', 'the explored-state budget (maxStates) ran out after 50 states; undecided: key "k"']);
  });

  it('reads the same on every run', () => {
    const history = [op(0, { f: 'write', key: 'x', value: 1 }, 0, 5), op(1, { f: 'read', key: 'x' }, 1, 2, { output: 2 })];
    expect(formatCheckResult(checkLinearizability(history, 'kv'))).toEqual(formatCheckResult(checkLinearizability(history, 'kv')));
  });
});
