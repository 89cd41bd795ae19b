import { describe, expect, it } from 'vitest';
import { createWorld, explore, formatReport, summarizeFaults, type HostContext, type TraceEvent } from '../../src/index.js';

function* server(host: HostContext) {
  host.serve(function* (request: number) {
    return request + 1;
  });
}

function* client(host: HostContext) {
  return yield* host.call<number>('server', 1, { timeoutMs: 100 });
}

function* main() {
  const world = createWorld();
  world.host('server', server);
  yield* world.host('client', client, { protected: true }).task!;
}

const world = (timeMs: number, action: string, host: string | null, detail: string, fault: boolean): TraceEvent => ({ type: 'world', timeMs, action, host, detail, fault });

describe('the faults of a run, in words', () => {
  it('names each injected fault with its time, not the drops and holds a partition or clog caused, nor payloads', () => {
    const trace: TraceEvent[] = [
      world(0, 'boot', 'r1', 'incarnation 1', false),
      world(3, 'partition', null, '{r1} | {r2, r3} (random, for 271 ms)', true),
      world(4, 'drop', null, '#2 r1 -> r2 call #1 (partition)', true),
      world(5, 'send', 'r2', '#3 r2 -> r3 call #2: {"type":"vote","term":1} (in 7 ms)', true),
      world(6, 'drop', null, '#4 r3 -> r2 reply to call #2 (loss)', true),
      world(7, 'clog', null, 'r2 -> r3 for 10 ms', true),
      world(8, 'hold', null, '#5 r2 -> r3 call #3 (clogged)', true),
      world(9, 'crash', 'r2', 'incarnation 1 (random)', true),
      world(9, 'disk-crash', 'r2', "'log' write [0, 1024) torn at byte 512", true),
      world(12, 'restart', 'r2#2', 'incarnation 2', false),
      world(20, 'clock-jump', 'r3', '+1250 ms (offset now 1250 ms)', true),
    ];
    expect(summarizeFaults(trace)).toEqual([
      'partition {r1} | {r2, r3} (random, for 271 ms) at t=3',
      'send r2 #3 r2 -> r3 call #2 (in 7 ms) at t=5',
      'drop #4 r3 -> r2 reply to call #2 (loss) at t=6',
      'clog r2 -> r3 for 10 ms at t=7',
      'crash r2 incarnation 1 (random) at t=9',
      "disk-crash r2 'log' write [0, 1024) torn at byte 512 at t=9",
      'clock-jump r3 +1250 ms (offset now 1250 ms) at t=20',
    ]);
    expect(summarizeFaults(trace.slice(0, 1))).toEqual([]);
  });

  it('the report of a world failure says which faults the shrunk run needed', () => {
    const result = explore(main, { runs: 1_000 });
    expect(result.failure).not.toBeNull();
    const report = formatReport(result);
    const schedule = report.findIndex((line) => line.startsWith('  schedule: '));
    expect(report[schedule + 1]).toMatch(/^ {2}faults \(1\): (drop #1 client -> server call #1 \(loss\)|partition \{server\} \| \{client\} \(random, for \d+ ms\)) at t=0$/);
  });

  it('a run without a world has no faults line', () => {
    function* plain() {
      throw new Error('boom');
    }
    expect(formatReport(explore(plain, { runs: 1 })).some((line) => line.startsWith('  faults'))).toBe(false);
  });
});
