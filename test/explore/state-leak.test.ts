import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/effects.js';
import { explore } from '../../src/explore/explore.js';
import { formatReport } from '../../src/explore/report/report.js';
import { createTask } from '../../src/task.js';

// A session cache at module level that main never clears: every run adds its
// sessions, and once it holds more than ten the program "runs out of
// sessions". In a fresh process every run passes; in one exploration, run 3
// fails, on any schedule, FIFO's included.
const sessions = new Set<string>();

function* login(user: string) {
  yield* sleep(0);
  if (sessions.size >= 10) throw new Error(`out of sessions: ${sessions.size} open`);
  sessions.add(`${user}-${sessions.size}`);
}

function* leaky() {
  const users = ['ann', 'bob', 'cy', 'dee'].map((user) => createTask(login(user), { name: user }));
  for (const user of users) yield* user;
}

describe('state that leaks between runs', () => {
  it('is reported as a determinism problem, not a bug: the FIFO schedule, which passed in run 0, fails when run again', () => {
    sessions.clear();
    const result = explore(leaky, { seed: 1 });
    const failure = result.failure!;
    expect(failure.runIndex).toBe(2);
    expect(failure.determinism).toEqual({
      status: 'state-leak',
      detail: 'run 0 passed the FIFO schedule v1;, but run again after run 2, it fails (main raised Error: out of sessions: 10 open)',
    });
    expect([failure.shrinkEnd, failure.shrinkRuns, failure.shrunk.schedule]).toEqual(['off', 0, failure.original.schedule]);
    expect(formatReport(result).slice(0, 2)).toEqual([
      'simloop explore leaky: policy random, seed 1, 1000 runs',
      'DETERMINISM PROBLEM, not a bug found: run 2 failed: main raised Error: out of sessions: 10 open',
    ]);
    expect(formatReport(result)).toEqual(
      expect.arrayContaining([
        '  state leaks between runs: run 0 passed the FIFO schedule v1;, but run again after run 2, it fails (main raised Error: out of sessions: 10 open).',
        '  Reset the state main uses when main starts: every run calls main afresh, but module-level',
        '  variables keep what earlier runs left in them, so no schedule can be trusted to replay.',
      ]),
    );
  });

  it('is not suspected when main resets it', () => {
    function* resetting() {
      sessions.clear();
      yield* leaky();
    }
    expect(explore(resetting, { seed: 1 }).failure).toBeNull();
  });
});
