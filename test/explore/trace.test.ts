import { describe, expect, it } from 'vitest';
import { main as leakyMain } from '../../examples/leaky-semaphore.js';
import { toChromeTrace } from '../../src/explore/report/chrome-trace.js';
import { replaySubject } from '../../src/explore/replay.js';
import { programSubject } from '../../src/explore/subject.js';
import { diffTraces, describeDifference } from '../../src/explore/report/trace-diff.js';
import { renderTrace, type TraceEvent } from '../../src/explore/report/trace.js';

const leak = (): readonly TraceEvent[] => replaySubject(programSubject(leakyMain), 'v1;cancel=*;0x5,1').trace ?? [];
const fifo = (): readonly TraceEvent[] => replaySubject(programSubject(leakyMain), 'v1;cancel=*;').trace ?? [];

describe('structured traces', () => {
  it('record spawns, steps with their effects, cancels requested and delivered, timers and ends', () => {
    const types = new Set(leak().map((event) => event.type));
    expect([...types].sort()).toEqual(['cancel-delivered', 'cancel-requested', 'choice', 'done', 'end', 'spawn', 'step', 'timer-fired']);
    expect(renderTrace(leak()).slice(8, 14)).toEqual([
      't=10 request-1: timer fired',
      't=10 schedule: inject cancel into request-1',
      't=10 request-1: cancel requested',
      't=10 request-1: CancelledError thrown in',
      't=10 request-1: raise CancelledError',
      't=10 request-1: done, cancelled',
    ]);
  });

  it('diffTraces gives the first event where two runs part, or null', () => {
    expect(diffTraces(leak(), leak())).toBeNull();
    const difference = diffTraces(fifo(), leak());
    expect(difference).toEqual({ index: 9, a: 't=10 request-1: yield sleep(10)', b: 't=10 schedule: inject cancel into request-1' });
    expect(describeDifference(difference!)).toEqual([
      'first difference at event 10:',
      '  first run: t=10 request-1: yield sleep(10)',
      '  second run: t=10 schedule: inject cancel into request-1',
    ]);
    expect(diffTraces(leak().slice(0, 3), leak().slice(0, 2))).toEqual({ index: 2, a: 't=0 request-2: spawned by main', b: null });
  });

  it('export to the Chrome trace event format with one track per task', () => {
    const chrome = toChromeTrace(leak());
    const names = chrome.traceEvents.filter((event) => event.name === 'thread_name').map((event) => [event.tid, event.args?.['name']]);
    expect(names).toEqual([[0, 'loop'], [1, 'main'], [2, 'request-1'], [3, 'request-2'], [4, 'request-3']]);
    const timed = chrome.traceEvents.filter((event) => event.ph !== 'M');
    const times = timed.map((event) => event.ts as number);
    expect(timed.every((event) => Number.isInteger(event.ts) && event.pid === 1)).toBe(true);
    expect(Math.max(...times)).toBeGreaterThanOrEqual(10_000);
    const wait = timed.find((event) => event.tid === 2 && event.name === 'wait: sleep(10)');
    expect(wait).toMatchObject({ ph: 'X', ts: 7, dur: 9997 }); // from its yield at t=0 to the step that raised at t=10
    expect(JSON.parse(JSON.stringify(chrome))).toEqual(chrome);
  });
});
