/**
 * Explored runs per second of the correct replicated key-value service
 * (examples/kv: 3 Raft replicas, 4 clients, swarm faults, each run 10 s of
 * virtual time, then the liveness phase and the linearizability check), on
 * one core and spread over worker threads, as a ratio measured in one run:
 *
 *   npm run bench:kv [-- --quick]
 *
 * Each figure is the median of 3 samples (1 with --quick) after a warm-up;
 * the two sides are sampled in turn, so a busy machine slows both alike.
 */
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { explore } from '../src/explore/explore.js';
import { exploreFile } from '../src/explore/workers/workers.js';
import { check, main } from './kv-subject.js';

const quick = process.argv.includes('--quick');
const REPEATS = quick ? 1 : 3;
const RUNS = quick ? 20 : 60;
const WORKERS = Math.max(2, cpus().length);
const SUBJECT = fileURLToPath(new URL('./kv-subject.js', import.meta.url));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

/** Runs per second of one exploration of RUNS runs (a fresh seed each sample: every run passes, so none shrinks). */
function runsPerSecond(explorePart: (seed: number) => { runs: number; failure: unknown }, seed: number): number {
  const started = process.hrtime.bigint();
  const result = explorePart(seed);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.failure !== null) throw new Error(`the correct service failed at seed ${seed}: a bug, not a benchmark`);
  if (result.runs !== RUNS) throw new Error(`made ${result.runs} runs, expected ${RUNS}`);
  return result.runs / seconds;
}

const oneCore = (seed: number) => explore(main, { runs: RUNS, seed, check });
const workers = (seed: number) => exploreFile(SUBJECT, { runs: RUNS, seed, workers: WORKERS });

runsPerSecond(oneCore, 100);
runsPerSecond(workers, 100);
const samples: [number[], number[]] = [[], []];
for (let repeat = 0; repeat < REPEATS; repeat++) {
  samples[0].push(runsPerSecond(oneCore, repeat + 1));
  samples[1].push(runsPerSecond(workers, repeat + 1));
}
const [single, spread] = samples.map(median) as [number, number];
console.log(`examples/kv, the correct service, ${RUNS} explored runs a sample (10 s of virtual time each, swarm faults, liveness phase, linearizability check):`);
console.log(`  one core:            ${single.toFixed(1)} runs per second`);
console.log(`  ${WORKERS} worker threads:    ${spread.toFixed(1)} runs per second (${(spread / single).toFixed(2)}× one core; ${cpus().length} cores on this machine)`);
