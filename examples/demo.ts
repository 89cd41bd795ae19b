// The demo of schedule exploration (`npm run demo:tasks`): explores the two
// example programs, each with a real concurrency bug, and prints for each the
// report: the failure, the schedule shrunk to its few decisive choices, the
// trace of that run, and the line that replays it in a test. The same as
//
//   simloop explore dist/examples/lost-update.js
//   simloop explore dist/examples/leaky-semaphore.js     (its exploreOptions set --cancel '*')
import { explore, formatReport, replay, ScheduleFailure, type ExploreOptions } from '../src/explore/index.js';
import type { Main } from '../src/explore/subject.js';
import * as leakySemaphore from './leaky-semaphore.js';
import * as lostUpdate from './lost-update.js';

interface Example {
  readonly title: string;
  readonly file: string;
  readonly main: Main;
  readonly options: ExploreOptions;
}

const EXAMPLES: readonly Example[] = [
  {
    title: 'A lost update between two tasks without a lock',
    file: 'dist/examples/lost-update.js',
    main: lostUpdate.main,
    options: { invariant: lostUpdate.invariant },
  },
  {
    title: 'A cancellation at an unlucky yield leaks a semaphore slot',
    file: 'dist/examples/leaky-semaphore.js',
    main: leakySemaphore.main,
    options: leakySemaphore.exploreOptions,
  },
];

for (const [index, example] of EXAMPLES.entries()) {
  console.log(`${index === 0 ? '' : '\n'}== ${example.title} (examples/${example.file.replace(/^dist\/examples\/|\.js$/g, '')}.ts)`);
  const result = explore(example.main, example.options);
  for (const line of formatReport(result, { file: example.file })) console.log(line);
  if (result.failure !== null) console.log(`  replayed once more from the printed schedule: ${replays(example, result.failure.shrunk.schedule, result.failure.shrunkFailure.message)}`);
}

/** Whether replaying the printed schedule fails the same way again. */
function replays(example: Example, schedule: string, message: string): string {
  try {
    replay(example.main, schedule, { invariant: example.options.invariant ?? null });
  } catch (error) {
    if (error instanceof ScheduleFailure && error.failure.message === message) return 'the same failure';
    throw error;
  }
  return 'it passed (not reproduced)';
}
