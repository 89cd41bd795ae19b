/**
 * `simloop/vitest`: exploration as a vitest test.
 *
 * @example
 * import { simTest } from 'simloop/vitest';
 * simTest('deposits are never lost', main, { policy: 'pct', runs: 500, invariant });
 * simTest.replay('the lost update of issue 12 stays fixed', main, 'v1;1');
 *
 * @module simloop/vitest
 */
import { test } from 'vitest';
import { explore, type ExploreOptions } from './explore/explore.js';
import { formatReport } from './explore/report/report.js';
import { replay, type ReplayOptions } from './explore/replay.js';
import type { Schedule } from './explore/choices/schedule.js';
import type { Main } from './explore/subject.js';

/**
 * explore()'s options, and the test's timeout.
 *
 * @example
 * simTest('no deadlock under pct', main, { policy: 'pct', runs: 2_000, timeoutMs: 60_000 });
 */
export interface SimTestOptions extends ExploreOptions {
  /** The test's timeout in (real) milliseconds; vitest's default when absent. */
  timeoutMs?: number;
}

/**
 * A failed exploration: its message is the whole report (shrunk schedule, trace, replay line).
 *
 * @example
 * expect(() => checkSimulation(main, { runs: 200 })).toThrow(SimulationFailure);
 */
export class SimulationFailure extends Error {
  override name = 'SimulationFailure';
}

/**
 * Explores `main` and throws SimulationFailure with the report when a run
 * fails; what simTest runs inside its test.
 *
 * @example
 * expect(() => checkSimulation(main, { runs: 200 })).not.toThrow();
 */
export function checkSimulation(main: Main, options: ExploreOptions = {}): void {
  const result = explore(main, options);
  if (result.failure !== null) throw new SimulationFailure(formatReport(result).join('\n'));
}

interface SimTest {
  /** A test that explores `main` and, on a failure, fails with the shrunk schedule, its trace and the replay line. */
  (name: string, main: Main, options?: SimTestOptions): void;
  /** A test that replays one schedule, as the replay line of a report: it fails while the run does. */
  replay(name: string, main: Main, schedule: string | Schedule, options?: ReplayOptions & { timeoutMs?: number }): void;
}

/**
 * A vitest test that explores `main` under many schedules (see explore) and
 * fails with the report when one fails. `simTest.replay` pins one schedule.
 *
 * @example
 * simTest('the pool never leaks a slot', main, { cancel: '*', policy: 'exhaustive' });
 */
export const simTest: SimTest = Object.assign(
  (name: string, main: Main, options: SimTestOptions = {}): void => {
    const { timeoutMs, ...exploreOptions } = options;
    test(name, () => checkSimulation(main, exploreOptions), timeoutMs);
  },
  {
    replay(name: string, main: Main, schedule: string | Schedule, options: ReplayOptions & { timeoutMs?: number } = {}): void {
      const { timeoutMs, ...replayOptions } = options;
      test(name, () => void replay(main, schedule, replayOptions), timeoutMs);
    },
  },
);
