import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { exploreSubject, finish, runsNeeded, type ExploreOptions, type ExploreResult } from '../explore.js';
import { loadSubject } from './load-subject.js';
import { makePlan, type ExplorePlan, type ProbeStats } from '../choices/plan.js';
import { findingOf, probe, type Finding } from '../search.js';
import { inShard, shardRuns, shardRunsThrough } from '../choices/shard.js';

/** What a worker thread is told: plain data, a port to answer on, and shared memory. */
export interface WorkerTask {
  readonly file: string;
  readonly options: ExploreOptions;
  readonly stats: ProbeStats;
  /** This worker's runs: every `workers`-th of the shard's runs after run 0, from position `worker`. */
  readonly worker: number;
  readonly workers: number;
  /** Int32 [0]: the lowest failing run index any worker has found; [1]: messages posted, to wake the parent. */
  readonly shared: SharedArrayBuffer;
  readonly port: MessagePort;
}

/** What a worker thread says. */
export type WorkerMessage =
  | { readonly type: 'runs'; readonly runs: number; readonly failures: number }
  | { readonly type: 'done'; readonly findings: Finding[] }
  | { readonly type: 'error'; readonly message: string };

/** shared[0] before any failure is found. */
export const NO_FAILURE = 0x7fffffff;
/** How long the parent waits for a word from its workers before it gives up on them. */
const STALL_LIMIT_MS = 300_000;

/**
 * The options of `exploreFile`: explore()'s, and how many worker threads share the runs.
 *
 * @example
 * exploreFile('dist/examples/lost-update.js', { policy: 'random', runs: 20_000, workers: 2 });
 */
export interface FileExploreOptions extends ExploreOptions {
  /** Worker threads to spread the runs over (default 1: this thread). */
  workers?: number;
}

/**
 * Explores a file (see loadSubject), on `workers` threads. Every run's
 * schedule depends only on the seed and its index, workers skip only runs
 * past a failure one of them has found, and the first failing index decides
 * the finding, so the result is the one a single thread gives. Synchronous:
 * the parent blocks until its workers are done.
 *
 * @example
 * const result = exploreFile('dist/examples/lost-update.js', { policy: 'pct', runs: 10_000, workers: 4 });
 */
export function exploreFile(file: string, options: FileExploreOptions = {}): ExploreResult {
  const loaded = loadSubject(file);
  const { workers = 1, ...rest } = options;
  const merged: ExploreOptions = { ...loaded.defaults, ...withoutUndefined(rest), invariant: loaded.invariant };
  if (!Number.isSafeInteger(workers) || workers < 1) throw new RangeError(`workers must be an integer ≥ 1, got ${workers}`);
  if (workers === 1) return exploreSubject(loaded.subject, merged);
  const plan = makePlan(merged);
  if (plan.policy !== 'random' && plan.policy !== 'pct') throw new RangeError(`--workers spreads seeded runs: use --policy random or pct, not ${plan.policy}`);
  if (plan.runs > NO_FAILURE) throw new RangeError(`at most ${NO_FAILURE} runs can be spread over workers`);
  const first = probe(loaded.subject, plan, loaded.invariant);
  const findings: Finding[] = [];
  const progress = { done: 0, total: shardRunsThrough(plan.shard, plan.runs - 1), failures: 0 };
  const count = (runs: number, failures: number): void => {
    progress.done += runs;
    progress.failures += failures;
    options.onProgress?.({ ...progress });
  };
  if (inShard(plan.shard, 0)) {
    count(1, first.record.failure === null ? 0 : 1);
    if (first.record.failure !== null) findings.push(findingOf(0, first.record));
  }
  if (findings.length === 0 || !plan.stopOnFailure) {
    findings.push(...runWorkers(file, plainOptions(merged), first.stats, workers, count));
  }
  return finish(loaded.subject, plan, merged, first.stats, findings, runsNeeded(plan, findings), null);
}

/** The run indices of worker `worker` of `workers`, ascending: run 0 is the parent's. */
export function* workerRuns(plan: ExplorePlan, worker: number, workers: number): Generator<number> {
  let position = 0;
  for (const runIndex of shardRuns(plan.shard, plan.runs)) {
    if (runIndex === 0) continue;
    if (position++ % workers === worker) yield runIndex;
  }
}

/**
 * Starts the workers and blocks until each has reported, reading their
 * messages synchronously (receiveMessageOnPort) and sleeping on a shared
 * counter (Atomics.wait) that each message bumps.
 */
function runWorkers(file: string, options: ExploreOptions, stats: ProbeStats, workers: number, count: (runs: number, failures: number) => void): Finding[] {
  const url = new URL('./worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(url))) throw new Error(`worker threads run the built package, and ${fileURLToPath(url)} is missing: run npm run build`);
  const shared = new SharedArrayBuffer(8);
  const words = new Int32Array(shared);
  words[0] = NO_FAILURE;
  const ports: MessagePort[] = [];
  const threads: Worker[] = [];
  for (let worker = 0; worker < workers; worker++) {
    const channel = new MessageChannel();
    const task: WorkerTask = { file, options, stats, worker, workers, shared, port: channel.port2 };
    threads.push(new Worker(url, { workerData: task, transferList: [channel.port2] }));
    ports.push(channel.port1);
  }
  const findings: Finding[] = [];
  let reported = 0;
  try {
    while (reported < workers) {
      const seen = Atomics.load(words, 1);
      for (const port of ports) {
        for (let received = receiveMessageOnPort(port); received !== undefined; received = receiveMessageOnPort(port)) {
          const message = received.message as WorkerMessage;
          if (message.type === 'runs') count(message.runs, message.failures);
          else if (message.type === 'done') {
            findings.push(...message.findings);
            reported++;
          } else throw new Error(`an explore worker failed: ${message.message}`);
        }
      }
      if (reported < workers && Atomics.wait(words, 1, seen, STALL_LIMIT_MS) === 'timed-out') {
        throw new Error(`explore workers sent nothing for ${STALL_LIMIT_MS / 1000} s: giving up on them`);
      }
    }
  } finally {
    for (const port of ports) port.close();
    for (const thread of threads) void thread.terminate();
  }
  return findings;
}

/** The options without functions, which cannot cross to a worker (each worker loads the invariant itself). */
function plainOptions(options: ExploreOptions): ExploreOptions {
  const { invariant: _invariant, onProgress: _onProgress, ...plain } = options;
  return plain;
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
