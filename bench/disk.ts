/**
 * The disk's costs, as ratios to a sleep and wakeup measured in the same
 * process: `npm run bench:disk [-- --quick]`.
 *
 * - sleep(0): one `yield* sleep(0)` round trip of a task (the loop's floor);
 * - sleep(1): one `yield* sleep(1)`, a timer and its wakeup;
 * - write + fsync: `yield* file.write(offset, 64 bytes)` then `yield* file.fsync()`
 *   (two operations, each a latency sleep), in a plain run and in an explored
 *   one (a recording random policy: every latency a recorded choice);
 * - crash of 10,000 pending writes: `disk.crash()` over 10,000 writes of 64
 *   bytes to 10 files made since their last fsync, plain (all lost, no choice)
 *   and explored (10,000 recorded choices, about half of them kept).
 *
 * Each figure is the median of 7 measured runs after one warm-up.
 */
import { pathToFileURL } from 'node:url';
import { RandomChooser } from '../src/explore/choices/random.js';
import { RecordingPolicy } from '../src/explore/choices/recorder.js';
import { Prng } from '../src/explore/choices/prng.js';
import { WorldDraws } from '../src/explore/choices/world-draws.js';
import { Disk, Loop, Owner, sleep, Task, type File, type Operation, type SchedulingPolicy } from '../src/index.js';

const RUNS = 7;

/** The sizes of a measurement: full, or tiny for the smoke test (correctness only). */
interface Sizes {
  readonly rounds: number;
  readonly pending: number;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Nanoseconds per unit of `measure()`, median of RUNS after a warm-up; `measure` returns [elapsed ns, units]. */
function perUnit(measure: () => [number, number]): number {
  measure();
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const [elapsed, units] = measure();
    samples.push(elapsed / units);
  }
  return median(samples);
}

function now(): number {
  return Number(process.hrtime.bigint());
}

function exploring(): SchedulingPolicy {
  return new RecordingPolicy(new RandomChooser(new Prng(7), 0, new WorldDraws(7, 0)), null);
}

/** Runs `body` as one host's main task on a fresh loop, timing the whole loop run. */
function timeTask(policy: SchedulingPolicy | undefined, body: (disk: Disk, owner: Owner) => Operation<void>): number {
  const loop = new Loop(policy === undefined ? { maxSteps: Infinity } : { policy, maxSteps: Infinity });
  const owner = new Owner('r1', loop);
  const disk = new Disk(loop, 'r1', { latencyMinMs: 1, latencyMeanMs: 2 });
  const task = loop.withOwner(owner, () => new Task(body(disk, owner), { loop, name: 'main' }));
  const start = now();
  loop.runUntilComplete(task);
  return now() - start;
}

function sleeps(sizes: Sizes, delayMs: number): number {
  return perUnit(() => [
    timeTask(undefined, function* () {
      for (let round = 0; round < sizes.rounds; round++) yield* sleep(delayMs);
    }),
    sizes.rounds,
  ]);
}

function writeAndFsync(sizes: Sizes, policy: () => SchedulingPolicy | undefined): number {
  const rounds = sizes.rounds / 10;
  const data = new Uint8Array(64).fill(7);
  return perUnit(() => {
    let durable = -1;
    const elapsed = timeTask(policy(), function* (disk, owner) {
      const file = yield* disk.mount(owner).open('log', { create: true });
      for (let round = 0; round < rounds; round++) {
        yield* file.write((round % 1024) * 64, data);
        yield* file.fsync();
      }
      durable = file.inode.pending.length === 0 ? file.size() : -1;
    });
    if (durable !== Math.min(rounds, 1024) * 64) throw new Error(`write + fsync: ${durable} bytes durable, expected ${Math.min(rounds, 1024) * 64}`);
    return [elapsed, rounds];
  });
}

/** The time of `disk.crash()` alone, over `sizes.pending` writes pending in 10 files. */
function crashOfPending(sizes: Sizes, policy: () => SchedulingPolicy | undefined): number {
  const data = new Uint8Array(64).fill(7);
  return perUnit(() => {
    const chosen = policy();
    const loop = new Loop(chosen === undefined ? { maxSteps: Infinity } : { policy: chosen, maxSteps: Infinity });
    const owner = new Owner('r1', loop);
    const disk = new Disk(loop, 'r1', { latencyMinMs: 0, latencyMeanMs: 0 });
    const fs = disk.mount(owner);
    const task = loop.withOwner(owner, () =>
      new Task(
        (function* () {
          const files: File[] = [];
          for (let index = 0; index < 10; index++) files.push(yield* fs.open(`f${index}`, { create: true }));
          yield* fs.fsyncDirectory();
          for (let write = 0; write < sizes.pending; write++) yield* (files[write % 10] as File).write(Math.floor(write / 10) * 64, data);
        })(),
        { loop, name: 'main' },
      ),
    );
    loop.runUntilComplete(task);
    loop.abandon(owner);
    const start = now();
    disk.crash();
    const elapsed = now() - start;
    const kept = [...disk.files().values()].reduce((bytes, file) => bytes + file.length, 0);
    if (chosen === undefined ? kept !== 0 : kept === 0) throw new Error(`crash: ${kept} bytes kept${chosen === undefined ? ', expected none in a plain run' : ', expected some in an explored one'}`);
    return [elapsed, 1];
  });
}

/** Every row of the table: a name and nanoseconds per operation. */
export function measureDisk(sizes: Sizes): Array<[string, number]> {
  return [
    ['sleep(0) round trip', sleeps(sizes, 0)],
    ['sleep(1): timer and wakeup', sleeps(sizes, 1)],
    ['write 64 B + fsync, plain run', writeAndFsync(sizes, () => undefined)],
    ['write 64 B + fsync, explored', writeAndFsync(sizes, exploring)],
    [`crash over ${sizes.pending} pending writes, plain run`, crashOfPending(sizes, () => undefined)],
    [`crash over ${sizes.pending} pending writes, explored`, crashOfPending(sizes, exploring)],
  ];
}

function main(): void {
  const quick = process.argv.includes('--quick');
  const rows = measureDisk(quick ? { rounds: 1_000, pending: 100 } : { rounds: 200_000, pending: 10_000 });
  const [sleep0, sleep1] = [rows[0]![1], rows[1]![1]];
  console.log(`simloop disk benchmark (node ${process.version}${quick ? ', --quick: sizes too small for timing' : ''})\n`);
  console.log('| operation | time | ÷ sleep(0) | ÷ sleep(1) |');
  console.log('|---|---:|---:|---:|');
  for (const [name, ns] of rows) {
    const time = ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`;
    console.log(`| ${name} | ${time} | ${(ns / sleep0).toFixed(1)}× | ${(ns / sleep1).toFixed(1)}× |`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
