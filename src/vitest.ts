/**
 * `simloop/vitest`: exploration as a vitest test.
 *
 * @example
 * import { simTest } from 'simloop/vitest';
 * simTest('deposits are never lost', main, { policy: 'pct', runs: 500, invariant });
 * // on a failure: the report, and its timeline in .simloop/bank.test-deposits-are-never-lost.html
 * simTest.replay('the lost update of issue 12 stays fixed', main, 'v1;1');
 *
 * @module simloop/vitest
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { explore, type ExploreOptions } from './explore/explore.js';
import type { FailureReport } from './explore/report/failure-report.js';
import { toHtmlTimeline } from './explore/report/html/timeline.js';
import { formatReport } from './explore/report/report.js';
import { replay, ScheduleFailure, type ReplayOptions } from './explore/replay.js';
import type { Schedule } from './explore/choices/schedule.js';
import type { Main } from './explore/subject.js';

/**
 * explore()'s options, and where a failure's HTML timeline goes.
 *
 * @example
 * checkSimulation(main, { runs: 200, timelineDir: 'artifacts' });
 */
export interface CheckOptions extends ExploreOptions {
  /**
   * The folder (made when missing, relative to the working directory) that a
   * failure's HTML timeline (see toHtmlTimeline) is written to, its path
   * ending the failure's message; `false` or absent writes none. simTest's
   * default is `.simloop`.
   */
  timelineDir?: string | false;
  /** The timeline's file name without `.html`, made safe for a file system; `failure` by default. */
  timelineName?: string;
}

/**
 * checkSimulation's options, and the test's timeout. A failure's timeline
 * goes to `.simloop/` unless `timelineDir` says otherwise.
 *
 * @example
 * simTest('no deadlock under pct', main, { policy: 'pct', runs: 2_000, timeoutMs: 60_000 });
 */
export interface SimTestOptions extends CheckOptions {
  /** The test's timeout in (real) milliseconds; vitest's default when absent. */
  timeoutMs?: number;
}

/** Where simTest writes a failure's timeline unless told otherwise. */
const DEFAULT_TIMELINE_DIR = '.simloop';

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
 * fails, after writing its HTML timeline when `timelineDir` asks; what
 * simTest runs inside its test.
 *
 * @example
 * expect(() => checkSimulation(main, { runs: 200 })).not.toThrow();
 */
export function checkSimulation(main: Main, options: CheckOptions = {}): void {
  const { timelineDir, timelineName, ...exploreOptions } = options;
  const result = explore(main, exploreOptions);
  if (result.failure === null) return;
  const lines = formatReport(result);
  if (timelineDir !== undefined && timelineDir !== false) lines.push(writeTimeline(result.failure, timelineDir, timelineName ?? 'failure'));
  throw new SimulationFailure(lines.join('\n'));
}

/** Writes a failure's timeline; the line that says where, or why it could not. */
function writeTimeline(failure: FailureReport | ScheduleFailure, directory: string, name: string): string {
  const file = resolve(directory, `${fileName(name)}.html`);
  try {
    mkdirSync(directory, { recursive: true });
    writeFileSync(file, toHtmlTimeline(failure, { title: name }));
    return `  timeline: ${file} (open it in a browser)`;
  } catch (error) {
    return `  timeline: not written to ${file}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** A name as a file name: letters, digits, dots and dashes, at most 100 characters. */
function fileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 100);
  return safe === '' ? 'failure' : safe;
}

/**
 * simTest.replay's options: the run's checks, the test's timeout, and where
 * a failure's timeline goes (`.simloop` by default; false for nowhere).
 *
 * @example
 * simTest.replay('issue 12 stays fixed', main, 'v1;1', { invariant, timelineDir: false });
 */
export interface SimReplayOptions extends ReplayOptions {
  timeoutMs?: number;
  timelineDir?: string | false;
}

interface SimTest {
  /**
   * A test that explores `main` and, on a failure, fails with the shrunk
   * schedule, its trace and the replay line, and writes the failure's HTML
   * timeline into `.simloop/` (see SimTestOptions.timelineDir).
   */
  (name: string, main: Main, options?: SimTestOptions): void;
  /** A test that replays one schedule, as the replay line of a report: it fails while the run does, and writes the run's timeline as simTest does. */
  replay(name: string, main: Main, schedule: string | Schedule, options?: SimReplayOptions): void;
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
    const { timeoutMs, ...checkOptions } = options;
    test(name, () => checkSimulation(main, { timelineDir: DEFAULT_TIMELINE_DIR, timelineName: timelineName(name), ...checkOptions }), timeoutMs);
  },
  {
    replay(name: string, main: Main, schedule: string | Schedule, options: SimReplayOptions = {}): void {
      const { timeoutMs, timelineDir = DEFAULT_TIMELINE_DIR, ...replayOptions } = options;
      test(
        name,
        () => {
          try {
            replay(main, schedule, replayOptions);
          } catch (error) {
            if (error instanceof ScheduleFailure && timelineDir !== false) error.message += `\n${writeTimeline(error, timelineDir, timelineName(name))}`;
            throw error;
          }
        },
        timeoutMs,
      );
    },
  },
);

/** The test file's name and the test's, so two tests' timelines never share a file. */
function timelineName(test: string): string {
  const file = expect.getState().testPath?.replace(/^.*[\\/]/, '').replace(/\.[cm]?[jt]sx?$/, '') ?? '';
  return `${file} ${test}`;
}
