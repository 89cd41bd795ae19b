// Every rule of the history format that makes a file invalid, each with the
// exact path of the first problem, and the order in which problems are
// reported (history-format.md: the file, then format, model, ops, then the
// events in order; within an event process, type, f, key, value, time, then
// its place in the sequence).
import { describe, expect, it } from 'vitest';
import { HistoryFormatError, parseHistory, validateHistory } from '../../src/check/index.js';

type Event = Record<string, unknown>;

const w = (process: number, type: string, value: unknown, time: number, key = 'x'): Event => ({ process, type, f: 'write', key, value, time });
const r = (process: number, type: string, value: unknown, time: number, key = 'x'): Event => ({ process, type, f: 'read', key, value, time });
const cas = (process: number, type: string, value: unknown, time: number, key = 'x'): Event => ({ process, type, f: 'cas', key, value, time });

function file(ops: unknown, model = 'kv'): Record<string, unknown> {
  return { format: 'simloop-history/1', model, ops };
}

/** The path of the first problem, or 'valid'. */
function pathOf(json: unknown): string {
  try {
    validateHistory(json);
    return 'valid';
  } catch (error) {
    if (!(error instanceof HistoryFormatError)) throw error;
    expect(error.message.startsWith(`${error.path}: `)).toBe(true);
    expect(error.message).not.toMatch(/[\r\n]/);
    return error.path;
  }
}

function textPath(text: string): string {
  try {
    parseHistory(text);
    return 'valid';
  } catch (error) {
    if (!(error instanceof HistoryFormatError)) throw error;
    return error.path;
  }
}

describe('the file as a whole', () => {
  it('is $ when the text is not JSON', () => {
    expect(textPath('{"format": ')).toBe('$');
    expect(textPath('')).toBe('$');
  });

  it('is $ when the JSON is not an object', () => {
    for (const json of [[], null, 'x', 1, true]) expect(pathOf(json)).toBe('$');
  });

  it('checks format, then model, then ops', () => {
    expect(pathOf({})).toBe('format');
    expect(pathOf({ model: 'kv', ops: [] })).toBe('format');
    expect(pathOf({ format: 'simloop-history/2', model: 'kv', ops: [] })).toBe('format');
    expect(pathOf({ format: 'simloop-history/1', ops: [] })).toBe('model');
    expect(pathOf({ format: 'simloop-history/1', model: 'set', ops: [] })).toBe('model');
    expect(pathOf({ format: 'simloop-history/1', model: 'kv' })).toBe('ops');
    expect(pathOf({ format: 'simloop-history/1', model: 'kv', ops: {} })).toBe('ops');
    expect(pathOf({ format: 'simloop-history/1', model: 'bad', ops: [{ process: -1 }] })).toBe('model');
  });

  it('allows other fields on the file and on events, and an empty history', () => {
    expect(pathOf({ ...file([]), note: 'from the test', seed: 7 })).toBe('valid');
    expect(pathOf(file([{ ...w(0, 'invoke', 1, 0), node: 'n1' }, { ...w(0, 'ok', 1, 1), latencyMs: 1 }]))).toBe('valid');
  });

  it('reads the example of the format as valid', () => {
    const ops = [w(0, 'invoke', 1, 0), r(1, 'invoke', null, 1), w(0, 'ok', 1, 5), r(1, 'ok', 1, 7), cas(2, 'invoke', [1, 2], 8), cas(2, 'info', [1, 2], 20)];
    expect(pathOf(file(ops))).toBe('valid');
  });
});

describe("an event's fields", () => {
  it('refuses an event that is not an object at ops[i]', () => {
    expect(pathOf(file([w(0, 'invoke', 1, 0), 7]))).toBe('ops[1]');
    expect(pathOf(file([null]))).toBe('ops[0]');
  });

  it('refuses a process that is not a non-negative integer', () => {
    for (const process of [-1, 1.5, '1', null, true, undefined]) {
      const event = { ...w(0, 'invoke', 1, 0), process };
      if (process === undefined) delete event['process'];
      expect(pathOf(file([event]))).toBe('ops[0].process');
    }
    expect(pathOf(file([w(12345678901, 'invoke', 1, 0)]))).toBe('valid');
  });

  it('refuses a missing or unknown type or f', () => {
    expect(pathOf(file([{ process: 0, f: 'write', key: 'x', value: 1, time: 0 }]))).toBe('ops[0].type');
    expect(pathOf(file([w(0, 'call', 1, 0)]))).toBe('ops[0].type');
    expect(pathOf(file([w(0, 'Invoke', 1, 0)]))).toBe('ops[0].type');
    expect(pathOf(file([{ process: 0, type: 'invoke', key: 'x', value: 1, time: 0 }]))).toBe('ops[0].f');
    expect(pathOf(file([{ ...w(0, 'invoke', 1, 0), f: 'append' }]))).toBe('ops[0].f');
  });

  it('refuses a kv op without a string key, and ignores a register op key entirely', () => {
    const noKey = w(0, 'invoke', 1, 0);
    delete noKey['key'];
    expect(pathOf(file([noKey]))).toBe('ops[0].key');
    expect(pathOf(file([w(0, 'invoke', 1, 0, 3 as never)]))).toBe('ops[0].key');
    expect(pathOf(file([w(0, 'invoke', 1, 0, '')]))).toBe('valid');
    expect(pathOf(file([noKey], 'register'))).toBe('valid');
    expect(pathOf(file([{ ...w(0, 'invoke', 1, 0), key: { not: 'a string' } }, { ...w(0, 'ok', 1, 1), key: 5 }], 'register'))).toBe('valid');
  });

  it('refuses a read invoke whose value is not null, missing included', () => {
    expect(pathOf(file([r(0, 'invoke', 1, 0)]))).toBe('ops[0].value');
    expect(pathOf(file([r(0, 'invoke', false, 0)]))).toBe('ops[0].value');
    const noValue = r(0, 'invoke', null, 0);
    delete noValue['value'];
    expect(pathOf(file([noValue]))).toBe('ops[0].value');
  });

  it('refuses an ok read without a value or with a value that is not a scalar', () => {
    const noValue = r(0, 'ok', null, 1);
    delete noValue['value'];
    expect(pathOf(file([r(0, 'invoke', null, 0), noValue]))).toBe('ops[1].value');
    expect(pathOf(file([r(0, 'invoke', null, 0), r(0, 'ok', [1], 1)]))).toBe('ops[1].value');
    expect(pathOf(file([r(0, 'invoke', null, 0), r(0, 'ok', null, 1)]))).toBe('valid');
  });

  it('refuses write and cas values that are not scalars or pairs of scalars', () => {
    const noValue = w(0, 'invoke', 1, 0);
    delete noValue['value'];
    expect(pathOf(file([noValue]))).toBe('ops[0].value');
    for (const value of [{}, [1], [1, 2]]) expect(pathOf(file([w(0, 'invoke', value, 0)]))).toBe('ops[0].value');
    for (const value of [1, [1], [1, 2, 3], [1, {}], [[1], 2], null]) expect(pathOf(file([cas(0, 'invoke', value, 0)]))).toBe('ops[0].value');
    for (const value of ['s', true, false, null, -2.5]) expect(pathOf(file([w(0, 'invoke', value, 0)]))).toBe('valid');
    expect(pathOf(file([cas(0, 'invoke', [null, 'a'], 0)]))).toBe('valid');
  });

  it('refuses a number that is not finite once read (1e400)', () => {
    expect(textPath('{"format":"simloop-history/1","model":"register","ops":[{"process":0,"type":"invoke","f":"write","value":1e400,"time":0}]}')).toBe('ops[0].value');
    expect(textPath('{"format":"simloop-history/1","model":"register","ops":[{"process":0,"type":"invoke","f":"cas","value":[1,-1e400],"time":0}]}')).toBe('ops[0].value');
    expect(textPath('{"format":"simloop-history/1","model":"register","ops":[{"process":0,"type":"invoke","f":"write","value":1,"time":1e400}]}')).toBe('ops[0].time');
  });

  it('ignores the value of a fail or info completion, whatever it is', () => {
    for (const type of ['fail', 'info']) {
      const none = w(0, type, 1, 1);
      delete none['value'];
      expect(pathOf(file([w(0, 'invoke', 1, 0), none]))).toBe('valid');
      expect(pathOf(file([w(0, 'invoke', 1, 0), w(0, type, { any: ['thing'] }, 1)]))).toBe('valid');
      expect(pathOf(file([cas(0, 'invoke', [1, 2], 0), cas(0, type, 'not a pair', 1)]))).toBe('valid');
      expect(pathOf(file([r(0, 'invoke', null, 0), r(0, type, 5, 1)]))).toBe('valid');
    }
    expect(textPath('{"format":"simloop-history/1","model":"register","ops":[{"process":0,"type":"invoke","f":"write","value":1,"time":0},{"process":0,"type":"info","f":"write","value":1e400,"time":1}]}')).toBe('valid');
  });

  it('refuses a time that is not a finite number or that goes back; allows equal, negative and fractional times', () => {
    const noTime = w(0, 'invoke', 1, 0);
    delete noTime['time'];
    expect(pathOf(file([noTime]))).toBe('ops[0].time');
    expect(pathOf(file([w(0, 'invoke', 1, '0' as never)]))).toBe('ops[0].time');
    expect(pathOf(file([w(0, 'invoke', 1, 5), w(1, 'invoke', 1, 4)]))).toBe('ops[1].time');
    expect(pathOf(file([w(0, 'invoke', 1, -3.5), w(1, 'invoke', 1, -3.5), w(0, 'ok', 1, -3.25)]))).toBe('valid');
  });
});

describe("an event's place in the sequence", () => {
  it('refuses a completion with no outstanding invoke', () => {
    expect(pathOf(file([w(0, 'ok', 1, 0)]))).toBe('ops[0]');
    expect(pathOf(file([w(0, 'invoke', 1, 0), w(0, 'ok', 1, 1), w(0, 'fail', 1, 2)]))).toBe('ops[2]');
    expect(pathOf(file([w(0, 'invoke', 1, 0), w(1, 'ok', 1, 1)]))).toBe('ops[1]');
  });

  it('refuses a second invoke while one is outstanding', () => {
    expect(pathOf(file([w(0, 'invoke', 1, 0), r(0, 'invoke', null, 1)]))).toBe('ops[1]');
  });

  it('refuses any op of a process after its info', () => {
    expect(pathOf(file([w(0, 'invoke', 1, 0), w(0, 'info', 1, 1), w(0, 'invoke', 2, 2)]))).toBe('ops[2]');
    expect(pathOf(file([w(0, 'invoke', 1, 0), w(0, 'info', 1, 1), w(0, 'ok', 1, 2)]))).toBe('ops[2]');
    expect(pathOf(file([w(0, 'invoke', 1, 0), w(0, 'info', 1, 1), w(1, 'invoke', 2, 2)]))).toBe('valid');
  });

  it('refuses a completion whose f, or kv key, differs from its invoke', () => {
    expect(pathOf(file([w(0, 'invoke', 1, 0), r(0, 'ok', 1, 1)]))).toBe('ops[1]');
    expect(pathOf(file([w(0, 'invoke', 1, 0), { ...w(0, 'fail', 1, 1), f: 'cas' }]))).toBe('ops[1]');
    expect(pathOf(file([w(0, 'invoke', 1, 0), w(0, 'info', 1, 1, 'y')]))).toBe('ops[1]');
    expect(pathOf(file([w(0, 'invoke', 1, 0, ''), w(0, 'ok', 1, 1, 'x')]))).toBe('ops[1]');
    expect(pathOf(file([w(0, 'invoke', 1, 0, 'x'), w(0, 'ok', 1, 1, 'y')], 'register'))).toBe('valid');
  });

  it('refuses an ok write or cas whose value differs from its invoke', () => {
    expect(pathOf(file([w(0, 'invoke', 1, 0), w(0, 'ok', 2, 1)]))).toBe('ops[1]');
    expect(pathOf(file([w(0, 'invoke', 1, 0), w(0, 'ok', true, 1)]))).toBe('ops[1]');
    expect(pathOf(file([w(0, 'invoke', 1, 0), w(0, 'ok', '1', 1)]))).toBe('ops[1]');
    expect(pathOf(file([cas(0, 'invoke', [1, 2], 0), cas(0, 'ok', [1, 3], 1)]))).toBe('ops[1]');
    expect(pathOf(file([cas(0, 'invoke', [1, 2], 0), cas(0, 'ok', [2, 1], 1)]))).toBe('ops[1]');
    expect(pathOf(file([cas(0, 'invoke', [1, 2], 0), cas(0, 'fail', [5, 5], 1)]))).toBe('valid');
  });

  it('compares numbers as JSON.parse reads them: 1 equals 1.0, integers past 2^53 round', () => {
    const head = '{"format":"simloop-history/1","model":"register","ops":[';
    expect(textPath(`${head}{"process":0,"type":"invoke","f":"write","value":1,"time":0},{"process":0,"type":"ok","f":"write","value":1.0,"time":1}]}`)).toBe('valid');
    const big = `${head}{"process":0,"type":"invoke","f":"write","value":9007199254740993,"time":0},{"process":0,"type":"ok","f":"write","value":9007199254740992,"time":1}]}`;
    expect(textPath(big)).toBe('valid');
  });
});

describe('which problem comes first', () => {
  it('an earlier event before a later one, whatever the kinds', () => {
    expect(pathOf(file([w(0, 'ok', 1, 0), w(1, 'bad', 1, 1)]))).toBe('ops[0]');
    expect(pathOf(file([w(0, 'invoke', 1, 0), w(1, 'bad', 1, 1), w(0, 'ok', 2, 2)]))).toBe('ops[1].type');
  });

  it('within an event: process, type, f, key, value, time, then the sequence', () => {
    const all = { process: -1, type: 'x', f: 'y', key: 1, value: {}, time: 'z' };
    expect(pathOf(file([all]))).toBe('ops[0].process');
    expect(pathOf(file([{ ...all, process: 0 }]))).toBe('ops[0].type');
    expect(pathOf(file([{ ...all, process: 0, type: 'invoke' }]))).toBe('ops[0].f');
    expect(pathOf(file([{ ...all, process: 0, type: 'invoke', f: 'write' }]))).toBe('ops[0].key');
    expect(pathOf(file([{ ...all, process: 0, type: 'invoke', f: 'write', key: 'x' }]))).toBe('ops[0].value');
    expect(pathOf(file([{ ...all, process: 0, type: 'invoke', f: 'write', key: 'x', value: 1 }]))).toBe('ops[0].time');
    // A completion with nothing outstanding but a bad time: the field first.
    expect(pathOf(file([w(0, 'invoke', 1, 5), w(1, 'ok', 1, 4)]))).toBe('ops[1].time');
    // A mismatched ok write whose value is not a scalar: the field first.
    expect(pathOf(file([w(0, 'invoke', 1, 0), w(0, 'ok', [1], 1)]))).toBe('ops[1].value');
  });
});

describe('what a valid file reads as', () => {
  it('keeps the fields the format defines and drops the others', () => {
    const valid = validateHistory(file([{ ...w(0, 'invoke', 1, 0), note: 'x' }, w(0, 'ok', 1, 2)]));
    expect(valid).toEqual({
      format: 'simloop-history/1',
      model: 'kv',
      ops: [
        { process: 0, type: 'invoke', f: 'write', key: 'x', value: 1, time: 0 },
        { process: 0, type: 'ok', f: 'write', key: 'x', value: 1, time: 2 },
      ],
    });
  });

  it('gives the message the CLI prints', () => {
    expect(() => validateHistory(file([w(0, 'done', 1, 0)]))).toThrow('ops[0].type: expected "invoke", "ok", "fail" or "info", got "done"');
    expect(() => validateHistory(file([w(0, 'invoke', 1, 0), w(0, 'invoke', 1, 1)]))).toThrow(
      'ops[1]: a second invoke: process 0 still has ops[0] outstanding',
    );
  });
});
