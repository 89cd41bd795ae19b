import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/effects.js';
import type { Chooser } from '../../src/explore/choices/chooser.js';
import { executeRun } from '../../src/explore/execute.js';
import { PctChooser, pctBound } from '../../src/explore/choices/pct.js';
import { Prng } from '../../src/explore/choices/prng.js';
import { readyOwners } from '../../src/explore/choices/ready-owners.js';
import { programSubject } from '../../src/explore/subject.js';
import { getRunningLoop } from '../../src/loop/running.js';
import { createTask } from '../../src/task.js';

const log: string[] = [];

/** Three tasks that each log their name in three consecutive iterations. */
function* rounds() {
  log.length = 0;
  const tasks = ['a', 'b', 'c'].map((name) =>
    createTask(
      (function* () {
        for (let round = 0; round < 3; round++) {
          log.push(name);
          yield* sleep(0);
        }
      })(),
      { name },
    ),
  );
  for (const task of tasks) yield* task;
}

/** Queued steps, sleep timers, two wakeups from one task's end and a plain callback, to name the owners of. */
function* mixed() {
  const sleeper = createTask(
    (function* () {
      yield* sleep(5);
    })(),
    { name: 'sleeper' },
  );
  createTask(
    (function* () {
      yield* sleeper;
    })(),
    { name: 'waiter' },
  );
  yield* sleep(5);
  getRunningLoop().callSoon(() => {});
  yield* sleeper;
}

/** Answers FIFO, writing down whose callbacks were ready at each choice. */
class OwnerSpy implements Chooser {
  readonly name = 'spy';
  readonly seen: string[] = [];
  chooseReady(count: number): number {
    this.seen.push(readyOwners(getRunningLoop(), count).map((task) => task?.getName() ?? '-').join(' '));
    return 0;
  }
  chooseTimer(): number {
    return 0;
  }
  injectCancel(): boolean {
    return false;
  }
}

describe('pct', () => {
  it('knows which task each ready callback steps: queued steps, sleep timers and wakeups', () => {
    const spy = new OwnerSpy();
    executeRun(programSubject(mixed), spy, null, {}, false);
    // Iteration 2: two first steps; at t=5 two sleep timers, then the two steps they queue;
    // then the plain callback and the wakeups of the two tasks awaiting sleeper.
    expect(spy.seen).toEqual(['sleeper waiter', 'main sleeper', 'main sleeper', '- waiter main', 'waiter main']);
  });

  it('at depth 1 runs the tasks in one priority order in every iteration', () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      executeRun(programSubject(rounds), new PctChooser(new Prng(seed), { depth: 1, steps: 30 }, 0), null, {}, false);
      const [first, second, third] = [log.slice(0, 3), log.slice(3, 6), log.slice(6, 9)].map((round) => round.join(''));
      expect(second).toBe(first);
      expect(third).toBe(first);
      orders.add(first!);
    }
    expect([...orders].sort()).toEqual(['abc', 'acb', 'bac', 'bca', 'cab', 'cba']);
  });

  it('at depth 2 changes one priority once, so some runs change order midway', () => {
    let changed = 0;
    for (let seed = 0; seed < 50; seed++) {
      executeRun(programSubject(rounds), new PctChooser(new Prng(seed), { depth: 2, steps: 20 }, 0), null, {}, false);
      if (log.slice(0, 3).join('') !== log.slice(6, 9).join('')) changed++;
    }
    expect(changed).toBeGreaterThan(5);
    expect(changed).toBeLessThan(45);
  });

  it('states its bound: 1/(n·k^(d-1)) per run, and the chance that every run misses', () => {
    expect(pctBound({ tasks: 3, steps: 40, depth: 2, runs: 100 }).perRun).toBe(1 / 120);
    expect(pctBound({ tasks: 3, steps: 40, depth: 2, runs: 100 }).missAfterRuns).toBeCloseTo((119 / 120) ** 100, 12);
    expect(pctBound({ tasks: 4, steps: 10, depth: 1, runs: 1 })).toEqual({ perRun: 0.25, missAfterRuns: 0.75 });
  });
});
