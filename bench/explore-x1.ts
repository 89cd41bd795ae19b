/**
 * X1: how fast exploration runs, and how many runs it needs.
 *
 *   npx tsc -p bench/tsconfig.json && node dist-bench/bench/explore-x1.js [--quick]
 *
 * 1. Schedules per second for a 10-task scenario, under random, pct and
 *    exhaustive, as a program and as a scenario file (through the scenario
 *    interpreter), on one thread; then the program on 1, 2 and 4 threads.
 *    Each figure is the median of 5 timed explorations (3 for threads)
 *    after an untimed one.
 * 2. How many runs random and pct need to find each example's bug: the
 *    median over seeds 0..99 (run 0, FIFO, counts as a run).
 *
 * Every exploration here is seeded, so the run counts of part 2 are exact
 * and the same on every machine; only part 1 depends on the machine.
 */
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { main as leakyMain, exploreOptions as leakyOptions } from '../examples/leaky-semaphore.js';
import { invariant as lostUpdateInvariant, main as lostUpdateMain } from '../examples/lost-update.js';
import { sleep } from '../src/effects.js';
import { explore, exploreSubject, type ExploreOptions } from '../src/explore/explore.js';
import { programSubject, scenarioSubject, type Main, type Subject } from '../src/explore/subject.js';
import { exploreFile } from '../src/explore/workers/workers.js';
// The worker threads' entry: imported only so that the bench build compiles it (on this thread it does nothing).
import '../src/explore/workers/worker.js';
import { Future } from '../src/future.js';
import type { Scenario } from '../src/scenario/types.js';
import { createTask, type Task } from '../src/task.js';

const TASKS = 10;

/**
 * The 10-task program: each worker sleeps 0 ms, waits for its left
 * neighbour's first step (a future), sleeps 1 ms (ten timers due at once),
 * and yields once more; main awaits them all. Its FIFO run has 57
 * callbacks and 54 choice points.
 */
export function* main() {
  const started = Array.from({ length: TASKS }, () => new Future<void>({ description: 'started' }));
  const workers: Task<number>[] = [];
  for (let i = 0; i < TASKS; i++) {
    workers.push(
      createTask(
        (function* () {
          yield* sleep(0);
          started[i]!.setResult(undefined);
          if (i > 0) yield* started[i - 1]!;
          yield* sleep(1);
          yield* sleep(0);
          return i;
        })(),
        { name: `w${i}` },
      ),
    );
  }
  let total = 0;
  for (const worker of workers) total += yield* worker;
  return total;
}

/** The same shape as a scenario: ten workers that sleep 0, 1 and 0 ticks and log, all awaited. */
const SCENARIO: Scenario = {
  format: 'simloop-scenario/1',
  main: 'main',
  resources: {},
  defs: {
    main: [...Array.from({ length: TASKS }, (_, i) => ['spawn', `t${i}`, 'worker']), ...Array.from({ length: TASKS }, (_, i) => ['await', `t${i}`])],
    worker: [['sleep', 0], ['sleep', 1], ['sleep', 0], ['log', 'done'], ['return', 1]],
  } as unknown as Scenario['defs'],
};

const quick = process.argv.includes('--quick');
const RUNS = quick ? 200 : 5_000;
const ROUNDS = quick ? 1 : 5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Schedules per second: the median of `rounds` timed explorations, after one untimed. */
function schedulesPerSecond(explore: () => { runs: number }, rounds = ROUNDS): number {
  explore();
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const startedNs = process.hrtime.bigint();
    const { runs } = explore();
    const elapsedS = Number(process.hrtime.bigint() - startedNs) / 1e9;
    rates.push(runs / elapsedS);
  }
  return median(rates);
}

function rateRow(label: string, subject: Subject): string {
  const options = (policy: ExploreOptions['policy']): ExploreOptions => ({ policy, runs: RUNS, seed: 1, shrink: false, selfCheck: false });
  const cells = (['random', 'pct', 'exhaustive'] as const).map((policy) => {
    const rate = schedulesPerSecond(() => {
      const result = exploreSubject(subject, options(policy));
      if (result.failure !== null) throw new Error(`${label} failed under ${policy}: ${result.failure.failure.message}`);
      return result;
    });
    return Math.round(rate).toLocaleString('en-US');
  });
  return `| ${label} | ${cells.join(' | ')} |`;
}

/** Runs needed to find the bug: the median over seeds, and the worst. */
function runsNeeded(main: Main, options: ExploreOptions, policy: 'random' | 'pct'): { median: number; max: number } {
  const needed: number[] = [];
  for (let seed = 0; seed < 100; seed++) {
    const result = explore(main, { ...options, policy, seed, runs: 10_000, shrink: false, selfCheck: false });
    if (result.failure === null) throw new Error(`seed ${seed}: ${policy} did not find the bug in 10,000 runs`);
    needed.push(result.runs);
  }
  return { median: median(needed), max: Math.max(...needed) };
}

function report(): void {
  const probe = explore(main, { policy: 'fifo', shrink: false });
  console.log(`X1: exploration, node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'} (${cpus().length} cores)${quick ? ', --quick' : ''}`);
  console.log(`The 10-task program: ${probe.probe.tasks} tasks, ${probe.probe.steps} callbacks a run (FIFO).\n`);
  console.log('| schedules per second, one thread | random | pct | exhaustive |');
  console.log('|---|---|---|---|');
  console.log(rateRow('10-task program', programSubject(main, 'main')));
  console.log(rateRow('10-task scenario', scenarioSubject(SCENARIO, 'ten-tasks')));
  // Each exploration starts fresh worker threads (module loading, a cold JIT), so these runs are many.
  const file = fileURLToPath(import.meta.url);
  const workerRuns = RUNS * 10;
  console.log('');
  for (const workers of [1, 2, 4]) {
    const explored = (): { runs: number } => exploreFile(file, { policy: 'random', runs: workerRuns, seed: 1, shrink: false, selfCheck: false, workers });
    const rate = schedulesPerSecond(explored, Math.min(ROUNDS, 3));
    console.log(`10-task program, random, ${workerRuns} runs on ${workers} thread${workers === 1 ? '' : 's'}: ${Math.round(rate).toLocaleString('en-US')} schedules per second`);
  }
  console.log('\n| runs needed to find the bug (median over seeds 0..99, worst in brackets) | random | pct |');
  console.log('|---|---|---|');
  const examples: Array<[string, Main, ExploreOptions]> = [
    ['lost update (examples/lost-update.ts)', lostUpdateMain, { invariant: lostUpdateInvariant }],
    ['leaked semaphore slot (examples/leaky-semaphore.ts, cancel *)', leakyMain, leakyOptions],
  ];
  for (const [label, exampleMain, options] of examples) {
    const [random, pct] = (['random', 'pct'] as const).map((policy) => runsNeeded(exampleMain, options, policy));
    console.log(`| ${label} | ${random!.median} (${random!.max}) | ${pct!.median} (${pct!.max}) |`);
  }
}

// Worker threads load this file for `main`: the benchmark runs only when it is the program itself,
// and only once this module has finished loading, so that exploreFile may load it too.
if (process.argv[1] === fileURLToPath(import.meta.url)) setImmediate(report);
