// The worked example of the simulated world (`npm run demo:counter`): explores
// the replicated counter with its bug under swarm faults, prints the report
// (the failure, the faults it shrank to, the trace, the line that replays it),
// replays that line, then explores the fixed counter for as many runs.
//
//   simloop explore dist/examples/replicated-counter/buggy.js
//   simloop explore dist/examples/replicated-counter/fixed.js --runs 3000
import { explore, formatReport, replay, ScheduleFailure } from '../../src/index.js';
import { exploreOptions, main as buggy } from './buggy.js';
import { main as fixed } from './fixed.js';

const FILE = 'dist/examples/replicated-counter/buggy.js';

console.log('== A replicated counter whose followers apply stale state (examples/replicated-counter/service.ts)');
const found = explore(buggy, exploreOptions);
for (const line of formatReport(found, { file: FILE })) console.log(line);
if (found.failure !== null) {
  let again = 'it passed (not reproduced)';
  try {
    replay(buggy, found.failure.shrunk.schedule);
  } catch (error) {
    if (!(error instanceof ScheduleFailure)) throw error;
    again = error.failure.message === found.failure.failure.message ? 'the same failure' : `another failure: ${error.failure.message}`;
  }
  console.log(`  replayed once more from the printed schedule: ${again}`);
}

console.log('\n== The same counter with the fix (a follower applies a state only if it is newer)');
const startedMs = Date.now();
const checked = explore(fixed, { runs: exploreOptions.runs, seed: exploreOptions.seed });
const seconds = (Date.now() - startedMs) / 1000;
if (checked.failure !== null) for (const line of formatReport(checked)) console.log(line);
else console.log(`  ${checked.runs} swarm runs passed, each with its liveness phase, in ${seconds.toFixed(1)} s (${Math.round(checked.runs / seconds)} runs per second)`);
