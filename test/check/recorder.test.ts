// Recording a history: strictly increasing times, logical clients that get a
// fresh process after info, misuse refused at the call, and serialisation to
// the file format.
import { describe, expect, it } from 'vitest';
import { checkLinearizability, HistoryRecorder, operationsOf, validateHistory, type Model } from '../../src/check/index.js';

/** A clock the test moves by hand, like a simulation's virtual time. */
function manualClock(): { now: number; read: () => number } {
  const clock = { now: 0, read: () => clock.now };
  return clock;
}

describe('HistoryRecorder', () => {
  it('makes times strictly increasing: events at one virtual instant are 0.001 ms apart, in the order recorded', () => {
    const clock = manualClock();
    const recorder = new HistoryRecorder('register', clock.read);
    const write = recorder.invoke('a', { f: 'write', value: 1 });
    write.ok();
    const read = recorder.invoke('a', { f: 'read' });
    clock.now = 5;
    read.ok(1);
    const other = recorder.invoke('b', { f: 'read' });
    other.ok(1);
    expect(recorder.history.map((op) => [op.invokeTime, op.completeTime])).toEqual([
      [0, 0.001],
      [0.002, 5],
      [5.001, 5.002],
    ]);
  });

  it("keeps one client's back-to-back operations ordered, even at one virtual instant", () => {
    const recorder = new HistoryRecorder('register', () => 7);
    recorder.invoke('a', { f: 'write', value: 1 }).ok();
    recorder.invoke('a', { f: 'read' }).ok(null);
    // The read came after the write completed, so null is stale: with equal times it would pass as concurrent.
    expect(checkLinearizability(recorder.history, recorder.model).verdict).toBe('not linearizable');
  });

  it('falls back to the next number after the last time when the clock moves in steps under a microsecond', () => {
    let now = 1;
    const recorder = new HistoryRecorder('register', () => now);
    recorder.invoke('a', { f: 'write', value: 1 }).ok(); // 1, 1.001
    now = 1.0005;
    const late = recorder.invoke('b', { f: 'read' });
    const [, second] = recorder.history;
    expect(second!.invokeTime).toBeGreaterThan(1.001);
    expect(second!.invokeTime).toBeLessThan(1.0011);
    late.fail();
  });

  it('gives a client whose operation ended info a fresh process for its next one', () => {
    const recorder = new HistoryRecorder('kv', manualClock().read);
    const first = recorder.invoke('client', { f: 'write', key: 'x', value: 1 });
    first.info();
    const retry = recorder.invoke('client', { f: 'write', key: 'x', value: 1 });
    retry.ok();
    const other = recorder.invoke('other', { f: 'read', key: 'x' });
    other.ok(1);
    expect([first.process, retry.process, other.process]).toEqual([0, 1, 2]);
    const again = recorder.invoke('client', { f: 'read', key: 'x' });
    expect(again.process).toBe(1);
  });

  it('keeps a numbered client\'s number as its process, and gives others the next free one', () => {
    const recorder = new HistoryRecorder('register', manualClock().read);
    const five = recorder.invoke(5, { f: 'write', value: 1 });
    const named = recorder.invoke('named', { f: 'read' });
    const zero = recorder.invoke(0, { f: 'read' });
    expect([five.process, named.process, zero.process]).toEqual([5, 6, 0]);
    five.info();
    expect(recorder.invoke(5, { f: 'read' }).process).toBe(7);
  });

  it('refuses misuse at the call: a second completion, a second invoke while one is outstanding', () => {
    const recorder = new HistoryRecorder('register', manualClock().read);
    const write = recorder.invoke('a', { f: 'write', value: 1 });
    expect(() => recorder.invoke('a', { f: 'read' })).toThrow('client "a" still has an operation outstanding');
    write.ok();
    expect(() => write.ok()).toThrow('OperationHandle.ok: the operation already completed ok');
    expect(() => write.info()).toThrow('already completed ok');
    expect(recorder.history).toHaveLength(1);
  });

  it('refuses inputs and outputs the shipped models cannot hold', () => {
    const recorder = new HistoryRecorder('kv', manualClock().read);
    expect(() => recorder.invoke('a', { f: 'write', value: 1 } as never)).toThrow('a kv operation needs a string key');
    expect(() => recorder.invoke('a', { f: 'write', key: 'x', value: Number.POSITIVE_INFINITY })).toThrow("a write's value must be a JSON scalar");
    expect(() => recorder.invoke('a', { f: 'cas', key: 'x', value: [1] as never })).toThrow('[expected, new]');
    const read = recorder.invoke('a', { f: 'read', key: 'x' });
    expect(() => read.ok()).toThrow('a read returns the value read, a JSON scalar; got nothing');
    read.ok(null); // the handle is still pending after a refused completion
  });

  it('refuses a clock that goes back or is not a finite number', () => {
    const clock = manualClock();
    clock.now = 5;
    const recorder = new HistoryRecorder('register', clock.read);
    const write = recorder.invoke('a', { f: 'write', value: 1 });
    clock.now = 4;
    expect(() => write.ok()).toThrow('the clock went back from 5 to 4');
    expect(() => new HistoryRecorder('register', () => Number.NaN).invoke('a', { f: 'read' })).toThrow('the clock returned NaN');
  });

  it('serialises register and kv histories to the file format, never-completed invocations included', () => {
    const clock = manualClock();
    const recorder = new HistoryRecorder('kv', clock.read);
    const write = recorder.invoke(1, { f: 'write', key: 'x', value: 'v' });
    clock.now = 3;
    const cas = recorder.invoke(2, { f: 'cas', key: 'x', value: ['v', 'w'] });
    write.ok();
    cas.fail();
    const read = recorder.invoke(1, { f: 'read', key: '' });
    recorder.invoke(3, { f: 'write', key: 'x', value: 2 }).info();
    read.ok(null);
    recorder.invoke(4, { f: 'read', key: 'x' });
    const file = JSON.parse(JSON.stringify(recorder));
    expect(file).toEqual({
      format: 'simloop-history/1',
      model: 'kv',
      ops: [
        { process: 1, type: 'invoke', f: 'write', key: 'x', value: 'v', time: 0 },
        { process: 2, type: 'invoke', f: 'cas', key: 'x', value: ['v', 'w'], time: 3 },
        { process: 1, type: 'ok', f: 'write', key: 'x', value: 'v', time: 3.001 },
        { process: 2, type: 'fail', f: 'cas', key: 'x', value: ['v', 'w'], time: 3.002 },
        { process: 1, type: 'invoke', f: 'read', key: '', value: null, time: 3.003 },
        { process: 3, type: 'invoke', f: 'write', key: 'x', value: 2, time: 3.004 },
        { process: 3, type: 'info', f: 'write', key: 'x', value: 2, time: 3.005 },
        { process: 1, type: 'ok', f: 'read', key: '', value: null, time: 3.006 },
        { process: 4, type: 'invoke', f: 'read', key: 'x', value: null, time: 3.007 },
      ],
    });
    // Valid, and the checker reads the operations the recorder holds.
    expect(operationsOf(validateHistory(file))).toEqual(recorder.history);
  });

  it('serialises a register history without keys', () => {
    const recorder = new HistoryRecorder('register', manualClock().read);
    recorder.invoke('a', { f: 'write', key: 'ignored', value: true }).ok();
    expect(recorder.toJSON().ops.map((event) => Object.keys(event))).toEqual([
      ['process', 'type', 'f', 'value', 'time'],
      ['process', 'type', 'f', 'value', 'time'],
    ]);
  });

  it("checks a user model's history in process and refuses to serialise it", () => {
    const counter: Model<number, 'inc' | 'get', number> = {
      init: () => 0,
      step: (total, input, output) => (input === 'inc' ? { ok: true, state: total + 1 } : output === undefined || output === total ? { ok: true, state: total } : { ok: false }),
    };
    const recorder = new HistoryRecorder(counter, manualClock().read);
    recorder.invoke('a', 'inc').ok();
    recorder.invoke('b', 'get').ok(1);
    expect(checkLinearizability(recorder.history, recorder.model).verdict).toBe('linearizable');
    expect(() => recorder.toJSON()).toThrow("a user model's history is checked in process");
  });
});
