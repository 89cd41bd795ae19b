import { describe, expect, it } from 'vitest';
import { check, main } from '../../examples/stale-read.js';
import { explore, formatReport, replay, ScheduleFailure } from '../../src/index.js';

// examples/stale-read.ts: a replica acknowledged before it has the write, judged by its clients' history.

describe('a check of the whole run: the linearizability of the history the clients recorded', () => {
  it("fails the run whose history is not linearizable, shrinks it, and puts the shrunk run's explanation in the report", () => {
    const result = explore(main, { check, seed: 1 });
    const failure = result.failure!;
    expect(failure.failure.kind).toBe('check');
    expect(failure.failure.name).toBe('NotLinearizable');
    expect(failure.failure.message).toBe("the clients' history is not linearizable (the register)");
    expect(failure.replayLine).toBe(`replay(main, ${JSON.stringify(failure.shrunk.schedule)}, { check })`);
    const report = formatReport(result);
    expect(report[1]).toBe(`FAILED at run ${failure.runIndex}: check failed: NotLinearizable: the clients' history is not linearizable (the register)`);
    // The explanation is of the shrunk run, whose schedule, trace and replay lines the report shows.
    const explained = report.indexOf('  | not linearizable');
    expect(explained).toBeGreaterThan(report.indexOf(`  schedule: ${failure.shrunk.schedule}`));
    expect(explained).toBeLessThan(report.indexOf('  trace:'));
    expect(failure.shrunkFailure.explanation).toEqual(report.slice(explained, explained + 9).map((line) => line.slice(4)));
    expect(report.slice(explained, explained + 9)).toEqual([
      '  | not linearizable',
      '  | (#n: the n-th operation invoked, from 0; pN: its process; [invoke, complete]: its interval)',
      '  | the register: not linearizable (2 operations, 2 states explored, 2 orders tried)',
      '  |   longest linearizable prefix, 1 operation, with the state after each:',
      '  |     1. #0 p0 write(1) [0, 0.001] => 1',
      '  |   cannot follow it: #1 p1 read() -> null [0.002, 0.003], illegal in state 1',
      '  |   the longest orders tried, each with the state it reaches and the operation whose completion it could not get past:',
      '  |     #0 => 1, stuck at #1',
      '  |     (empty) => null, stuck at #0',
    ]);
    expect(failure.failure.html).toContain('<');
    expect(() => replay(main, failure.shrunk.schedule, { check })).toThrow(ScheduleFailure);
    expect(replay(main, 'v1;', { check }).schedule).toBe('v1;');
  });

  it('passes runs whose history is linearizable', () => {
    expect(explore(main, { check, policy: 'fifo' }).failure).toBeNull();
  });
});
