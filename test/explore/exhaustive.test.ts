import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/errors.js';
import { explore } from '../../src/explore/explore.js';
import { makePlan } from '../../src/explore/choices/plan.js';
import { formatReport } from '../../src/explore/report/report.js';
import { formatSchedule } from '../../src/explore/choices/schedule.js';
import { exhaustiveRuns } from '../../src/explore/exhaustive-walk.js';
import { programSubject } from '../../src/explore/subject.js';
import { sleep } from '../../src/effects.js';
import { createTask } from '../../src/task.js';
import { createWorld } from '../../src/sim/world.js';
import type { HostContext } from '../../src/sim/host-context.js';

// Two children that each yield once. Iteration 2 runs both first steps (a
// choice of 2) and iteration 3 both second steps (a choice of 2): 4 schedules.
function* child() {
  yield* sleep(0);
}

function* tiny() {
  const a = createTask(child(), { name: 'a' });
  const b = createTask(child(), { name: 'b' });
  try {
    yield* a;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
  }
  yield* b;
}

/** The schedules the exhaustive search ran, as lines. */
function schedulesOf(options: Parameters<typeof makePlan>[0]): string[] {
  const plan = makePlan({ policy: 'exhaustive', ...options });
  const seen: string[] = [];
  exhaustiveRuns(programSubject(tiny), plan, null, (_index, record) => seen.push(formatSchedule({ choices: record.choices, cancel: plan.cancel })));
  return seen;
}

describe('the exhaustive search', () => {
  it('covers a tiny program completely, in exactly 4 schedules, depth first', () => {
    const result = explore(tiny, { policy: 'exhaustive' });
    expect(result.failure).toBeNull();
    expect(result.coverage).toEqual({ complete: true, boundReached: false, schedules: 4 });
    expect(result.runs).toBe(4);
    expect(schedulesOf({})).toEqual(['v1;', 'v1;0,1', 'v1;1', 'v1;1x2']);
    expect(formatReport(result)).toEqual([
      'simloop explore tiny: policy exhaustive, preemptions ≤ 2, run limit 10000',
      'no failure in 4 runs',
      'coverage: complete: all 4 schedules ran, the whole space',
    ]);
  });

  it('says when the preemption bound left schedules out', () => {
    expect(explore(tiny, { policy: 'exhaustive', preemptions: 1 }).coverage).toEqual({ complete: true, boundReached: true, schedules: 3 });
    expect(schedulesOf({ preemptions: 1 })).toEqual(['v1;', 'v1;0,1', 'v1;1']);
    expect(explore(tiny, { policy: 'exhaustive', preemptions: 0 }).coverage).toEqual({ complete: true, boundReached: true, schedules: 1 });
  });

  it("never calls a world's space whole: its random seed stays 0, and its faults too without a fault bound", () => {
    // One host that fails on one draw in a thousand: the seed that makes it fail is never tried.
    function* rare() {
      const world = createWorld();
      const host = world.host('a', function* (context: HostContext) {
        yield* sleep(1);
        if (context.random() < 0.001) throw new Error('rare');
      }, { protected: true });
      yield* host.task!;
    }
    const why = "(the bounds, or choices the search never branches on such as a world's faults without --faults or its random seed, left others out)";
    for (const [faults, line] of [
      [0, `coverage: complete within the bounds: all 2 schedules with at most 2 preemptions ran ${why}`],
      [1, `coverage: complete within the bounds: all 14 schedules with at most 2 preemptions and 1 fault ran ${why}`],
    ] as const) {
      const result = explore(rare, { policy: 'exhaustive', faults });
      expect(result.failure).toBeNull();
      expect([result.coverage?.complete, result.coverage?.boundReached]).toEqual([true, true]);
      expect(formatReport(result).at(-1)).toBe(line);
    }
  });

  it('says when the run limit stopped it before the space was covered', () => {
    const result = explore(tiny, { policy: 'exhaustive', runs: 3 });
    expect(result.coverage).toEqual({ complete: false, boundReached: false, schedules: 3 });
    expect(formatReport(result).at(-1)).toBe('coverage: NOT complete: the run limit stopped the search after 3 schedules');
  });

  it('tries a cancel at each resumption of the target in turn, one per run', () => {
    // a resumes twice (its start, after sleep(0)); FIFO otherwise: 1 + 2 schedules.
    expect(schedulesOf({ preemptions: 0, cancel: 'a' })).toEqual(['v1;cancel=a;', 'v1;cancel=a;0x3,1', 'v1;cancel=a;0,1']);
    const fifo = explore(tiny, { policy: 'fifo', cancel: 'a' });
    expect(fifo.coverage).toEqual({ complete: true, boundReached: true, schedules: 3 });
    // With the ready choices too: no cancel, 4 orders; a cancel at a's start, 2 orders of the
    // first steps times 2 of (b's second step, main's wakeup); at a's second resumption, 2 × 2.
    const all = explore(tiny, { policy: 'exhaustive', cancel: 'a' });
    expect(all.failure).toBeNull();
    expect(all.coverage).toEqual({ complete: true, boundReached: false, schedules: 12 });
  });
});
