// The storage's worked example (`npm run demo:log`): explores the store with
// its bug under swarm faults, prints the report (the failure, the one crash it
// shrank to, the trace, the line that replays it), replays that line, then
// explores the fixed store for as many runs.
//
//   simloop explore dist/examples/durable-log/buggy.js
//   simloop explore dist/examples/durable-log/fixed.js --runs 2000
import { showBugAndFix } from '../bug-and-fix.js';
import { exploreOptions, main as buggy } from './buggy.js';
import { main as fixed } from './fixed.js';

showBugAndFix({
  title: 'A write-ahead log whose compaction renames without fsyncing the directory (examples/durable-log/store.ts)',
  fixTitle: 'The same store with the fix (fsync the directory after the rename)',
  file: 'dist/examples/durable-log/buggy.js',
  buggy,
  fixed,
  exploreOptions,
});
