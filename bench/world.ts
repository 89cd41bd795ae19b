/**
 * The simulated world's costs, as ratios measured in one run:
 *
 *   npm run bench:world [-- --quick]
 *
 * 1. A delivered message between 5 hosts, its copy included, against one
 *    `yield* sleep(0)` round trip (target: at most 10×). Five tokens go
 *    round a ring of five hosts; each hop is a receive, a send (the copy of
 *    a small object) and a delivery after the base latency.
 * 2. A crash and restart of a host against booting a new one (target: no
 *    dearer). Each host's boot starts a serve loop and a receive loop.
 * 3. Explored runs per second of the worked example (examples/replicated-counter),
 *    and how many runs random exploration needs to find its bug.
 *
 * Each figure is the median of 7 timed repetitions after a warm-up; the two
 * sides of a ratio are sampled in turn, so a busy machine slows both alike.
 */
import { cpus } from 'node:os';
import { main as buggy } from '../examples/replicated-counter/buggy.js';
import { main as fixed } from '../examples/replicated-counter/fixed.js';
import { sleep } from '../src/effects.js';
import { explore } from '../src/explore/explore.js';
import { run } from '../src/run.js';
import { createWorld } from '../src/sim/world.js';
import type { HostContext } from '../src/sim/host-context.js';

const quick = process.argv.includes('--quick');
const REPEATS = quick ? 1 : 7;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

/**
 * Nanoseconds per operation of each body (each performs `operations` of them
 * and returns how many it did): the median of REPEATS samples after a
 * warm-up, the bodies' samples taken in turn.
 */
function interleaved(operations: number, bodies: ReadonlyArray<() => number>): number[] {
  for (const body of bodies) body();
  const samples: number[][] = bodies.map(() => []);
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    bodies.forEach((body, index) => {
      const started = process.hrtime.bigint();
      const done = body();
      const elapsedNs = Number(process.hrtime.bigint() - started);
      if (done !== operations) throw new Error(`did ${done} operations, expected ${operations}`);
      samples[index]!.push(elapsedNs / operations);
    });
  }
  return samples.map(median);
}

function sleepZeroRoundTrips(count: number): number {
  return run(
    (function* () {
      let done = 0;
      for (let i = 0; i < count; i++) {
        yield* sleep(0);
        done++;
      }
      return done;
    })(),
  );
}

const RING = 5;

/** Five tokens travel a ring of five hosts until `count` messages have been delivered. */
function ringMessages(count: number): number {
  return run(
    (function* () {
      const world = createWorld();
      let delivered = 0;
      const hop = function* (host: HostContext, index: number) {
        const next = `h${(index + 1) % RING}`;
        host.send(next, { hop: 0, from: host.name, payload: 'token', path: [index] });
        for (;;) {
          const { message } = yield* host.receive<{ hop: number; from: string; payload: string; path: number[] }>();
          if (++delivered >= count) return;
          message.hop++;
          host.send(next, message);
        }
      };
      const hosts = Array.from({ length: RING }, (_, index) => world.host(`h${index}`, (host) => hop(host, index)));
      while (delivered < count) yield* sleep(1_000);
      void hosts;
      // The other tokens' last hops land after the count is reached: a handful more than asked, negligible.
      return Math.min(delivered, count);
    })(),
    { maxSteps: count * 20 },
  );
}

function* service(host: HostContext) {
  host.serve(function* (request: unknown) {
    return request;
  });
  for (;;) yield* host.receive();
}

/** Nanoseconds per boot of `count` new hosts, one after another (the run's set-up and clean-up not counted). */
function boots(count: number): number {
  return run(
    (function* () {
      const world = createWorld();
      const startedNs = process.hrtime.bigint();
      for (let i = 0; i < count; i++) {
        world.host(`h${i}`, service);
        yield* sleep(0);
      }
      return Number(process.hrtime.bigint() - startedNs) / count;
    })(),
  );
}

/** Nanoseconds per crash and restart of one host, `count` times. */
function restarts(count: number): number {
  return run(
    (function* () {
      const world = createWorld();
      world.host('h', service);
      yield* sleep(0);
      const startedNs = process.hrtime.bigint();
      for (let i = 0; i < count; i++) {
        world.restart('h');
        yield* sleep(0);
      }
      return Number(process.hrtime.bigint() - startedNs) / count;
    })(),
  );
}

/** The median of `repeats` measurements after a warm-up. */
function medianOf(measure: () => number): number {
  measure();
  return median(Array.from({ length: REPEATS }, measure));
}

/** Explored runs per second of the fixed counter (no shrinking: every run passes). */
function exploredRunsPerSecond(runs: number): number {
  return medianOf(() => {
    const startedNs = process.hrtime.bigint();
    const result = explore(fixed, { runs, seed: 1 });
    if (result.failure !== null) throw new Error(`the fixed counter failed: ${result.failure.failure.message}`);
    return runs / (Number(process.hrtime.bigint() - startedNs) / 1e9);
  });
}

/** How many runs random exploration needs to find the counter's bug: the median over seeds, and the worst. */
function runsToFind(seeds: number): { median: number; max: number } {
  const needed: number[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const result = explore(buggy, { runs: 20_000, seed, shrink: false, selfCheck: false });
    if (result.failure === null) throw new Error(`seed ${seed}: the bug was not found in 20,000 runs`);
    needed.push(result.runs);
  }
  return { median: median(needed), max: Math.max(...needed) };
}

function report(): void {
  console.log(`World benchmark, node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'} (${cpus().length} cores)${quick ? ', --quick' : ''}\n`);
  const messages = quick ? 10_000 : 1_000_000;
  // Samples alternate, so that both figures see the same load on a shared machine.
  const [sleepNs, messageNs] = interleaved(messages, [() => sleepZeroRoundTrips(messages), () => ringMessages(messages)]) as [number, number];
  const ratio = messageNs / sleepNs;
  console.log(`1. yield* sleep(0) round trip: ${sleepNs.toFixed(1)} ns`);
  console.log(`   a delivered message between ${RING} hosts (copy included): ${messageNs.toFixed(1)} ns = ${ratio.toFixed(2)}× a sleep(0) (target ≤ 10×: ${ratio <= 10 ? 'meets' : 'MISSES'}); ${(1e9 / messageNs / 1e6).toFixed(2)} million messages per second`);
  const lives = quick ? 500 : 2_000;
  boots(lives);
  restarts(lives);
  const pairs = Array.from({ length: REPEATS }, () => [boots(lives), restarts(lives)] as const);
  const [bootNs, restartNs] = [median(pairs.map(([boot]) => boot)), median(pairs.map(([, restart]) => restart))];
  const restartRatio = restartNs / bootNs;
  console.log(`2. booting a new host: ${(bootNs / 1000).toFixed(2)} µs; a crash and restart: ${(restartNs / 1000).toFixed(2)} µs = ${restartRatio.toFixed(2)}× a boot (target ≤ 1×: ${restartRatio <= 1 ? 'meets' : 'MISSES'})`);
  const runs = quick ? 50 : 2_000;
  console.log(`3. the replicated counter (examples/replicated-counter), fixed: ${Math.round(exploredRunsPerSecond(runs)).toLocaleString('en-US')} explored runs per second (${runs} runs a sample, swarm faults, liveness phase)`);
  if (!quick) {
    const { median: needed, max } = runsToFind(20);
    console.log(`   with its bug: random exploration finds it in ${needed} runs (median over seeds 0..19; worst ${max})`);
  }
}

report();
