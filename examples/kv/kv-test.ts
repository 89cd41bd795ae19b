// The test of the service: three replicas and four clients, each on its own
// host; the clients work through a fault phase in which the world does its
// worst (every fault a recorded choice), then the world heals and every
// client must finish within a bound (the liveness phase). The clients'
// history is then checked for linearizability.
import { createTask, createWorld, getRunningLoop, HistoryRecorder, linearizabilityCheck, sleep, type Operation, type World } from '../../src/index.js';
import { client, type Workload } from './client.js';
import { CLIENTS, CLOCK_OFFSETS_MS, FAULT_PHASE_MS, LIVENESS_WITHIN_MS, REPLICAS } from './config.js';
import { replica } from './replica/boot.js';
import { VARIANTS, type VariantName } from './variant.js';

/**
 * The world's options: everything the swarm draws, but the disk faults that
 * damage what was fsynced (latent read errors, corruption, misdirected
 * writes). Raft assumes that what a replica fsynced it reads back; surviving
 * a replica whose durable log or vote is damaged takes protocol-aware
 * recovery (Alagappan et al., FAST 2018), which this service does not do.
 * Crashes still lose and tear what was not fsynced. Blocks of 512 bytes, so
 * a batch of log records spans several and a crash can tear it.
 */
const WORLD_OPTIONS = {
  /** Clocks up to 5 s from true time, as on machines without NTP: a clock jumps by 1.25, 2.5 or 5 s. */
  clockSkewMaxMs: 5_000,
  /** A random partition lasts 1.5 to 2 s: long enough for the cut-off side to notice, elect and serve. */
  partitionMinMs: 1_500,
  /** Slow disk operations take 200 ms more (a stalled fsync), not the default second, so a slow run still gets work done. */
  disk: { blockSizeBytes: 512, slowLatencyMs: 200, readErrorProbability: 0, corruptionProbability: 0, misdirectedWriteProbability: 0 },
} as const;

/**
 * What a test may change: the length of the fault phase (the benchmark runs
 * 10 s), and a script of faults the test makes itself, run beside the
 * clients during the fault phase (a scenario written by hand).
 *
 * @example
 * kvTest('wall-clock-lease', { script: function* (world) { yield* sleep(1_000); world.partition([['r1', 'c1'], ['r2', 'r3', 'c2', 'c3']]); } });
 */
export interface KvTestOptions {
  readonly faultPhaseMs?: number;
  readonly script?: (world: World) => Operation<void>;
}

/** A variant's test: `main` for explore and replay; `check`, the linearizability of the run's history; `recorder`, the last run's history. */
export function kvTest(variant: VariantName, options: KvTestOptions = {}) {
  let recorder: HistoryRecorder | undefined;
  function* main(): Operation<void> {
    const loop = getRunningLoop();
    const workload: Workload = { phase: 'faults', recorder: new HistoryRecorder('kv', () => loop.time()), finished: new Set() };
    recorder = workload.recorder;
    const world = createWorld(WORLD_OPTIONS);
    for (const name of REPLICAS) world.host(name, replica(VARIANTS[variant].bugs), { clockOffsetMs: CLOCK_OFFSETS_MS[name] });
    for (const name of CLIENTS) world.host(name, client(workload), { protected: true });
    const script = options.script === undefined ? null : createTask(options.script(world), { name: 'script' });
    yield* sleep(options.faultPhaseMs ?? FAULT_PHASE_MS);
    script?.cancel();
    workload.phase = 'liveness';
    yield* world.liveness(() => workload.finished.size === CLIENTS.length, { withinMs: LIVENESS_WITHIN_MS });
  }
  return { main, check: linearizabilityCheck(() => recorder), recorder: () => recorder };
}
