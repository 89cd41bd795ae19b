import type { ExploreResult } from '../explore/explore.js';
import { POLICY_NAMES, type PolicyName } from '../explore/choices/plan.js';
import { formatReport, shellReplayLine } from '../explore/report/report.js';
import { exploreFile, type FileExploreOptions } from '../explore/workers/workers.js';
import { integerOption, onePositional, parseCommandArgs, stringOption, switchOption, UsageError, type ParsedArgs } from './args.js';
import type { Command, CommandIo } from './command.js';
import { toExploreJson } from './explore-json.js';
import { print, writeChromeTrace, writeHtmlTimeline } from './output.js';
import { progressBar } from './progress.js';
import { showValue } from '../show.js';

/**
 * `simloop explore FILE`: runs a program or scenario under many schedules,
 * and reports, shrinks and replays the first failure.
 */
export const exploreCommand: Command = {
  name: 'explore',
  summary: 'run FILE under many schedules; shrink a failure to a one-line replay',
  usage: 'simloop explore FILE [options]',
  description: [
    'FILE is a scenario (.json) or a JavaScript module that exports `main`, a generator function',
    '(optionally `invariant` and `exploreOptions`). Run 0 is asyncio\'s FIFO order; the others follow',
    'the policy. The first failing run is checked for determinism, shrunk to its few decisive choices,',
    'and printed with its trace, a line to paste into a test, and the command that replays it.',
    'A TypeScript module must be compiled first, or run under a loader: npx tsx node_modules/.bin/simloop explore FILE.ts',
    '',
    'To spread one exploration over a CI matrix, give each job --shard i/n --json > shard-i.json,',
    'then `simloop merge shard-*.json`: the merged result is the one a single machine gives.',
  ].join('\n'),
  options: [
    { name: 'policy', short: 'p', value: 'NAME', description: `How schedules are chosen: ${POLICY_NAMES.join(', ')} (default random).` },
    { name: 'runs', short: 'n', value: 'N', description: 'Runs to make (default 1,000), or the run limit of exhaustive and fifo (default 10,000).' },
    { name: 'seed', short: 's', value: 'S', description: 'The seed of every random choice, an integer in [0, 2^32) (default 0).' },
    { name: 'depth', short: 'd', value: 'D', description: 'PCT\'s bug depth: D - 1 priority change points per run (default 3).' },
    { name: 'preemptions', value: 'P', description: 'The exhaustive search\'s preemption bound (default 2).' },
    { name: 'faults', value: 'F', description: 'Let the exhaustive search inject up to F faults of a simulated world per schedule (default 0: none).' },
    { name: 'cancel', short: 'c', value: 'TASK', description: 'Inject cancel() at resumptions of the task named TASK, or of every task but main with *.' },
    { name: 'max-steps', value: 'N', description: 'The step budget of one run (default 100,000); past it the run fails.' },
    { name: 'time', value: 'MS', description: 'Stop starting runs after MS milliseconds of wall-clock time; without --runs, run until then. Off by default, so that a run count gives the same result on every machine.' },
    { name: 'workers', short: 'j', value: 'N', description: 'Spread the runs (or the exhaustive search\'s branches) over N worker threads (default 1).' },
    { name: 'shard', value: 'i/n', description: 'Make only shard i of n: the runs ≡ i-1 mod n, or every n-th branch of the exhaustive search, for a CI matrix.' },
    { name: 'all', description: 'Go on after the first failure and list every failing run.' },
    { name: 'unretrieved', description: 'Fail a run in which a task\'s exception is never retrieved.' },
    { name: 'no-shrink', description: 'Report the failing schedule as found, without shrinking it.' },
    { name: 'no-self-check', description: 'Skip running each failing schedule twice to check determinism.' },
    { name: 'no-progress', description: 'Draw no progress bar (none is drawn when stderr is not a terminal).' },
    { name: 'json', description: 'Print the result as one JSON object (simloop-explore/1) instead of the report.' },
    { name: 'chrome-trace', value: 'OUT.json', description: 'Write the shrunk failing run as a Chrome trace (Perfetto, chrome://tracing).' },
    { name: 'html', value: 'OUT.html', description: 'Write the shrunk failing run as an HTML timeline: one file that opens in any browser.' },
  ],
  examples: [
    'simloop explore dist/examples/lost-update.js --policy pct --runs 1000',
    'simloop explore test/scenarios/deadlock.json --policy exhaustive',
    'simloop explore dist/examples/leaky-semaphore.js --cancel "*" --runs 500 --seed 7',
    'simloop explore dist/examples/lost-update.js --runs 100000 --shard 2/4 --json > shard-2.json',
    'simloop explore dist/examples/zoo/idle-reaper.js --time 60000 --workers 4',
  ],
  exitCodes: [
    [0, 'every run passed'],
    [1, 'a run failed: the report shows it, shrunk, with the line that replays it'],
    [2, 'a usage error, or a file that cannot be loaded or explored'],
  ],
  run: (args, io) => runExploreCommand(args, io),
};

function runExploreCommand(args: readonly string[], io: CommandIo): number {
  const parsed = parseCommandArgs(exploreCommand, args);
  const file = onePositional(parsed, exploreCommand, 'FILE to explore');
  const json = switchOption(parsed, 'json');
  // The bar draws on the real terminal only: never into io, which holds the report.
  const bar = progressBar(process.stderr);
  const options: FileExploreOptions = {
    ...exploreOptionsOf(parsed),
    shrink: !switchOption(parsed, 'no-shrink'),
    selfCheck: !switchOption(parsed, 'no-self-check'),
    ...(switchOption(parsed, 'no-progress') ? {} : { onProgress: bar.update }),
  };
  let result: ExploreResult;
  try {
    result = exploreFile(file, options);
  } finally {
    bar.finish();
  }
  if (json) print(io, [JSON.stringify(toExploreJson(result, file))]);
  else {
    print(io, formatReport(result, { file }));
    if (result.failingRuns.length > 1) print(io, [`failing runs: ${result.failingRuns.join(', ')}`]);
  }
  writeChromeTrace(io, stringOption(parsed, 'chrome-trace'), result.failure?.trace);
  const command = result.failure === null ? undefined : shellReplayLine(file, result.failure.shrunk.schedule, result.plan.checks);
  writeHtmlTimeline(io, stringOption(parsed, 'html'), result.failure, { title: `simloop explore ${file}`, ...(command === undefined ? {} : { command }) });
  return result.failure === null ? 0 : 1;
}

/** The flags that shape the runs, as explore's options; absent flags leave the module's defaults. */
function exploreOptionsOf(parsed: ParsedArgs): FileExploreOptions {
  const options: Record<string, unknown> = {
    policy: policyOf(stringOption(parsed, 'policy')),
    runs: integerOption(parsed, 'runs', 1),
    seed: integerOption(parsed, 'seed'),
    depth: integerOption(parsed, 'depth', 1),
    preemptions: integerOption(parsed, 'preemptions'),
    faults: integerOption(parsed, 'faults'),
    cancel: stringOption(parsed, 'cancel'),
    maxSteps: integerOption(parsed, 'max-steps', 1),
    timeMs: integerOption(parsed, 'time', 1),
    workers: integerOption(parsed, 'workers', 1),
    shard: stringOption(parsed, 'shard'),
    stopOnFailure: switchOption(parsed, 'all') ? false : undefined,
    unretrievedErrors: switchOption(parsed, 'unretrieved') ? true : undefined,
  };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as FileExploreOptions;
}

function policyOf(text: string | undefined): PolicyName | undefined {
  if (text === undefined) return undefined;
  if (!(POLICY_NAMES as readonly string[]).includes(text)) throw new UsageError(`--policy is one of ${POLICY_NAMES.join(', ')}, got ${showValue(text)}`);
  return text as PolicyName;
}
