/**
 * Explored runs per second of the correct replicated key-value service
 * (examples/kv: 3 Raft replicas, 4 clients, swarm faults, the liveness
 * phase), on one core and spread over worker threads, as ratios measured in
 * one run:
 *
 *   npm run bench:kv [-- --quick]
 *
 * 1. Runs of 10 s of virtual time (a 10 s fault phase), without the
 *    linearizability check: the simulation's own cost. (The check of a 10 s
 *    history with many operations of unknown outcome can exhaust its budget.)
 * 2. The test's own runs (a 3 s fault phase), each with its linearizability
 *    check, as `simloop explore dist/examples/kv/correct.js` makes them.
 *
 * Each figure is the median of 3 samples (1 with --quick) after a warm-up;
 * the two sides of a ratio are sampled in turn, so a busy machine slows both
 * alike. A sample is about 10 s of work: each worker thread starts, loads
 * the module and warms its JIT up anew (about a second), which would
 * dominate shorter samples (with 200 runs, 2 workers made 0.66× of one core).
 */
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as correct from '../examples/kv/correct.js';
import { explore } from '../src/explore/explore.js';
import type { RunCheck } from '../src/explore/run-check.js';
import type { Main } from '../src/explore/subject.js';
import { exploreFile } from '../src/explore/workers/workers.js';
import * as tenSeconds from './kv-subject.js';

const quick = process.argv.includes('--quick');
const REPEATS = quick ? 1 : 3;
const WORKERS = Math.max(2, cpus().length);

interface Subject {
  readonly title: string;
  readonly runs: number;
  readonly oneCore: (seed: number) => { runs: number; failure: unknown };
  readonly workers: (seed: number) => { runs: number; failure: unknown };
}

function subject(title: string, runs: number, module: { readonly main: Main; readonly check?: RunCheck }, file: string): Subject {
  const check = module.check ?? null;
  return {
    title,
    runs,
    oneCore: (seed) => explore(module.main, { runs, seed, check }),
    workers: (seed) => exploreFile(file, { runs, seed, workers: WORKERS }),
  };
}

const SUBJECTS = [
  subject('10 s of virtual time a run, no check', quick ? 10 : 1_000, tenSeconds, fileURLToPath(new URL('./kv-subject.js', import.meta.url))),
  subject('the test\'s 3 s runs, with the linearizability check', quick ? 30 : 2_000, correct, fileURLToPath(new URL('../examples/kv/correct.js', import.meta.url))),
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

/** Runs per second of one exploration (a fresh seed each sample: every run passes, so none shrinks). */
function runsPerSecond(explorePart: (seed: number) => { runs: number; failure: unknown }, runs: number, seed: number): number {
  const started = process.hrtime.bigint();
  const result = explorePart(seed);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.failure !== null) throw new Error(`the correct service failed at seed ${seed}: a bug, not a benchmark`);
  if (result.runs !== runs) throw new Error(`made ${result.runs} runs, expected ${runs}`);
  return runs / seconds;
}

console.log(`examples/kv, the correct service under swarm faults, explored on one core and on ${WORKERS} worker threads (${cpus().length} cores here):`);
for (const [index, { title, runs, oneCore, workers }] of SUBJECTS.entries()) {
  runsPerSecond(oneCore, runs, 100);
  runsPerSecond(workers, runs, 100);
  const samples: [number[], number[]] = [[], []];
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    samples[0].push(runsPerSecond(oneCore, runs, repeat + 1));
    samples[1].push(runsPerSecond(workers, runs, repeat + 1));
  }
  const [single, spread] = samples.map(median) as [number, number];
  console.log(`${index + 1}. ${title}, ${runs} runs a sample:`);
  console.log(`   one core: ${single.toFixed(1)} runs per second; ${WORKERS} workers: ${spread.toFixed(1)} runs per second (${(spread / single).toFixed(2)}× one core)`);
}
