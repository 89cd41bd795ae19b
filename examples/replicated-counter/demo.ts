// The worked example of the simulated world (`npm run demo:counter`): explores
// the replicated counter with its bug under swarm faults, prints the report
// (the failure, the faults it shrank to, the trace, the line that replays it),
// replays that line, then explores the fixed counter for as many runs.
//
//   simloop explore dist/examples/replicated-counter/buggy.js
//   simloop explore dist/examples/replicated-counter/fixed.js --runs 3000
import { showBugAndFix } from '../bug-and-fix.js';
import { exploreOptions, main as buggy } from './buggy.js';
import { main as fixed } from './fixed.js';

showBugAndFix({
  title: 'A replicated counter whose followers apply stale state (examples/replicated-counter/service.ts)',
  fixTitle: 'The same counter with the fix (a follower applies a state only if it is newer)',
  file: 'dist/examples/replicated-counter/buggy.js',
  buggy,
  fixed,
  exploreOptions,
  eachRun: ', each with its liveness phase,',
});
