// What every worked example of the world shows (`npm run demo:counter`,
// `npm run demo:log`): exploration finds the bug, shrinks it and prints the
// line that replays it; the line replays once more; the fix passes as many runs.
import { explore, formatReport, replay, ScheduleFailure, type Main } from '../src/index.js';

export interface BugAndFix {
  /** What the bug is, and where its code is. */
  readonly title: string;
  /** What the fix is. */
  readonly fixTitle: string;
  /** The compiled buggy module, as the report's shell line names it. */
  readonly file: string;
  readonly buggy: Main;
  readonly fixed: Main;
  readonly exploreOptions: { readonly runs: number; readonly seed: number };
  /** What each passing run of the fix included, for the last line: `, each with its liveness phase,`. */
  readonly eachRun?: string;
}

/** Prints the exploration of the buggy program, its replay, then the exploration of the fixed one. */
export function showBugAndFix(example: BugAndFix): void {
  console.log(`== ${example.title}`);
  const found = explore(example.buggy, example.exploreOptions);
  for (const line of formatReport(found, { file: example.file })) console.log(line);
  if (found.failure !== null) {
    let again = 'it passed (not reproduced)';
    try {
      replay(example.buggy, found.failure.shrunk.schedule);
    } catch (error) {
      if (!(error instanceof ScheduleFailure)) throw error;
      again = error.failure.message === found.failure.failure.message ? 'the same failure' : `another failure: ${error.failure.message}`;
    }
    console.log(`  replayed once more from the printed schedule: ${again}`);
  }
  console.log(`\n== ${example.fixTitle}`);
  const startedMs = Date.now();
  const checked = explore(example.fixed, example.exploreOptions);
  const seconds = (Date.now() - startedMs) / 1000;
  if (checked.failure !== null) for (const line of formatReport(checked)) console.log(line);
  else console.log(`  ${checked.runs} swarm runs passed${example.eachRun ?? ''} in ${seconds.toFixed(1)} s (${Math.round(checked.runs / seconds)} runs per second)`);
}
