/**
 * The zoo (examples/zoo): how many runs finding each bug takes, and how
 * shrinking does on it, before (main's shrinker at commit f1ac478, kept in
 * bench/baseline/shrink-main.ts, with its default budget of 1,000 runs) and
 * after (src/explore/shrink, its defaults).
 *
 *   npm run bench:zoo [-- --quick]
 *
 * 1. Shrinking: for seeds 0..9, the failure explore finds with its default
 *    settings, shrunk by each shrinker: choices other than FIFO's left
 *    (median, worst), shrinking runs and milliseconds (medians).
 * 2. Runs to find each bug (run 0 counts) over seeds 0..99, up to 2,000
 *    runs: random, pct at depths 1 to 3, and a portfolio that takes them in
 *    turn (run i: random, pct d=1, d=2, d=3 for i mod 4), with how many
 *    seeds each misses within 100 and 1,000 runs: the measurement behind
 *    the default budget (1,000 random runs).
 *
 * Run counts are exact (every exploration is seeded); milliseconds depend on
 * the machine, so compare the two shrinkers' within one run.
 */
import { ZOO, type ZooBug } from '../examples/zoo/index.js';
import { ScriptedChooser } from '../src/explore/choices/scripted.js';
import { makePlan } from '../src/explore/choices/plan.js';
import { countNonZero } from '../src/explore/choices/schedule.js';
import { executeRun, type RunRecord } from '../src/explore/execute.js';
import { explore } from '../src/explore/explore.js';
import { sameFailure, type Failure } from '../src/explore/report/failure.js';
import { probe, runPlanned } from '../src/explore/search.js';
import { shrinkChoices } from '../src/explore/shrink/shrink.js';
import { programSubject, type Subject } from '../src/explore/subject.js';
import type { StreamChoices } from '../src/explore/choices/streams.js';
import { shrinkChoices as shrinkChoicesBefore } from './baseline/shrink-main.js';

const quick = process.argv.includes('--quick');
const SHRINK_SEEDS = quick ? 2 : 10;
const FIND_SEEDS = quick ? 5 : 100;
const FIND_RUNS = 2_000;
/** The baseline's default budget on main. */
const BEFORE_BUDGET = 1_000;

interface Shrunk {
  readonly nonZero: number;
  readonly runs: number;
  readonly ms: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function nonZeroOf(streams: StreamChoices): number {
  return streams.reduce((sum, choices) => sum + countNonZero(choices), 0);
}

/** Runs a candidate schedule of the bug. */
function runner(subject: Subject, bug: ZooBug): (streams: StreamChoices) => RunRecord {
  const cancel = (bug.exploreOptions?.cancel as string | undefined) ?? null;
  return (streams) => executeRun(subject, new ScriptedChooser(streams), cancel, { invariant: bug.invariant ?? null }, false);
}

function timed<T>(action: () => T): { value: T; ms: number } {
  const startedNs = process.hrtime.bigint();
  const value = action();
  return { value, ms: Number(process.hrtime.bigint() - startedNs) / 1e6 };
}

function shrinkBoth(name: string, bug: ZooBug, seed: number): { found: number; before: Shrunk; after: Shrunk } {
  const result = explore(bug.main, { ...bug.exploreOptions, invariant: bug.invariant ?? null, seed, shrink: false, selfCheck: false });
  const failure = result.failure;
  if (failure === null) throw new Error(`${name}, seed ${seed}: not found with the default settings`);
  const subject = programSubject(bug.main, name);
  const run = runner(subject, bug);
  const same = (record: RunRecord): boolean => record.failure !== null && sameFailure(record.failure, failure.failure as Failure);
  const original = [failure.original.choices, ...Object.values(failure.original.world)].length > 1 ? streamsOf(failure) : [failure.original.choices];
  const before = timed(() =>
    shrinkChoicesBefore(original, (candidate) => {
      const record = run(candidate);
      return same(record) ? record.streams : null;
    }, BEFORE_BUDGET),
  );
  const after = timed(() => shrinkChoices(original, { run: (chooser) => executeRun(subject, chooser, (bug.exploreOptions?.cancel as string | undefined) ?? null, { invariant: bug.invariant ?? null }, false), failsSameWay: same }));
  return {
    found: failure.runIndex + 1,
    before: { nonZero: nonZeroOf(before.value.streams), runs: before.value.runs, ms: before.ms },
    after: { nonZero: nonZeroOf(after.value.streams), runs: after.value.runs, ms: after.ms },
  };
}

/** A failure's original schedule as one list per stream. */
function streamsOf(failure: NonNullable<ReturnType<typeof explore>['failure']>): number[][] {
  const world = failure.original.world as Record<string, readonly number[]>;
  return ['sched', 'net', 'disk', 'crash', 'clock', 'buggify', 'random'].map((stream) => [...(stream === 'sched' ? failure.original.choices : (world[stream] ?? []))]);
}

function shrinkingTable(): void {
  console.log(`| bug | minimum | found after N runs (median, worst) | before: shrunk to (median, worst) | before: runs, ms | after: shrunk to (median, worst) | after: runs, ms |`);
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, bug] of Object.entries(ZOO)) {
    const rows = Array.from({ length: SHRINK_SEEDS }, (_, seed) => shrinkBoth(name, bug, seed));
    const cell = (values: number[]): string => `${median(values)} (${Math.max(...values)})`;
    const cost = (which: 'before' | 'after'): string => `${median(rows.map((row) => row[which].runs))}, ${Math.round(median(rows.map((row) => row[which].ms)))}`;
    console.log(
      `| ${name} | ${bug.minimumChoices} | ${cell(rows.map((row) => row.found))} | ${cell(rows.map((row) => row.before.nonZero))} | ${cost('before')} | ${cell(rows.map((row) => row.after.nonZero))} | ${cost('after')} |`,
    );
  }
}

const POLICIES = [
  ['random', { policy: 'random' }],
  ['pct d=1', { policy: 'pct', depth: 1 }],
  ['pct d=2', { policy: 'pct', depth: 2 }],
  ['pct d=3', { policy: 'pct', depth: 3 }],
] as const;

/** For one seed, the first failing run (1-based) of each policy and of the portfolio; Infinity when none within FIND_RUNS. */
function firstFailures(name: string, bug: ZooBug, seed: number): number[] {
  const subject = programSubject(bug.main, name);
  const invariant = bug.invariant ?? null;
  const fails = POLICIES.map(([, options]) => {
    const plan = makePlan({ ...bug.exploreOptions, ...options, seed, runs: FIND_RUNS });
    const first = probe(subject, plan, invariant);
    const cache = new Map<number, boolean>();
    return (index: number): boolean => {
      if (!cache.has(index)) cache.set(index, index === 0 ? first.record.failure !== null : runPlanned(subject, plan, invariant, index, first.stats).failure !== null);
      return cache.get(index) as boolean;
    };
  });
  const firstOf = (failsAt: (index: number) => boolean): number => {
    for (let index = 0; index < FIND_RUNS; index++) if (failsAt(index)) return index + 1;
    return Infinity;
  };
  return [...fails.map(firstOf), firstOf((index) => (fails[index % fails.length] as (index: number) => boolean)(index))];
}

function findingTable(): void {
  const labels = [...POLICIES.map(([label]) => label), 'portfolio'];
  console.log(`| runs to find (median, worst; seeds missed within 100 / 1,000) | ${labels.join(' | ')} |`);
  console.log(`|---|${labels.map(() => '---').join('|')}|`);
  for (const [name, bug] of Object.entries(ZOO)) {
    const perSeed = Array.from({ length: FIND_SEEDS }, (_, seed) => firstFailures(name, bug, seed));
    const cells = labels.map((_, column) => {
      const values = perSeed.map((row) => row[column] as number);
      const worst = Math.max(...values);
      const missed = (within: number): number => values.filter((value) => value > within).length;
      const shown = (value: number): string => (value === Infinity ? `>${FIND_RUNS}` : String(value));
      return `${shown(median(values))}, ${shown(worst)}; ${missed(100)} / ${missed(1_000)}`;
    });
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
}

console.log(`The zoo, node ${process.version}${quick ? ', --quick' : ''}\n`);
console.log(`Shrinking, seeds 0..${SHRINK_SEEDS - 1} (before: main's shrinker, budget ${BEFORE_BUDGET}; after: this one, its defaults)\n`);
shrinkingTable();
console.log(`\nFinding, seeds 0..${FIND_SEEDS - 1}, up to ${FIND_RUNS} runs\n`);
findingTable();
