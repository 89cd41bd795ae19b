import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Finding } from '../search.js';
import type { BranchOutcome } from '../exhaustive-walk.js';
import type { Failure } from '../report/failure.js';
import type { WorkerJob } from './jobs.js';

/** What a worker thread says: progress, its result, or why it failed. */
export type WorkerMessage =
  | { readonly type: 'runs'; readonly runs: number; readonly failures: number }
  | { readonly type: 'sampled'; readonly findings: Finding[]; readonly timedOut: boolean }
  | { readonly type: 'walked'; readonly outcomes: BranchOutcome[]; readonly timedOut: boolean }
  | { readonly type: 'replayed'; readonly failure: Failure | null }
  | { readonly type: 'error'; readonly message: string };

/** The words the parent and its workers share (Int32). */
export const SHARED_WORDS = {
  /** The lowest failing run index (sampling) or branch (walking) any worker has found. */
  best: 0,
  /** Messages posted, to wake the parent. */
  posted: 1,
  /** The next position in the list of branches to walk, taken by whichever worker is free. */
  nextBranch: 2,
} as const;

/** SHARED_WORDS.best before any failure is found. */
export const NO_FAILURE = 0x7fffffff;
/** How long the parent waits for a word from its workers before it gives up on them. */
const STALL_LIMIT_MS = 300_000;

/** The worker thread's entry, next to this file in the build. */
const WORKER_URL = new URL('./worker.js', import.meta.url);

/** Whether worker threads can start: they run the built package, not the TypeScript sources. */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

/**
 * Starts one worker thread per job and blocks until each has sent its
 * result (any message but `runs` and `error`), reading their messages
 * synchronously (receiveMessageOnPort) and sleeping on a shared counter
 * (Atomics.wait) that each message bumps. `onMessage` sees every message in
 * the order read; an `error` message, or a stall, throws.
 */
export function runPool(jobs: readonly WorkerJob[], shared: SharedArrayBuffer, onMessage: (message: WorkerMessage) => void): void {
  if (!workersAvailable()) throw new Error(`worker threads run the built package, and ${fileURLToPath(WORKER_URL)} is missing: run npm run build`);
  const words = new Int32Array(shared);
  const ports: MessagePort[] = [];
  const threads: Worker[] = [];
  for (const job of jobs) {
    const channel = new MessageChannel();
    threads.push(new Worker(WORKER_URL, { workerData: { job, shared, port: channel.port2 }, transferList: [channel.port2] }));
    ports.push(channel.port1);
  }
  let reported = 0;
  try {
    while (reported < jobs.length) {
      const seen = Atomics.load(words, SHARED_WORDS.posted);
      for (const port of ports) {
        for (let received = receiveMessageOnPort(port); received !== undefined; received = receiveMessageOnPort(port)) {
          const message = received.message as WorkerMessage;
          if (message.type === 'error') throw new Error(`an explore worker failed: ${message.message}`);
          if (message.type !== 'runs') reported++;
          onMessage(message);
        }
      }
      if (reported < jobs.length && Atomics.wait(words, SHARED_WORDS.posted, seen, STALL_LIMIT_MS) === 'timed-out') {
        throw new Error(`explore workers sent nothing for ${STALL_LIMIT_MS / 1000} s: giving up on them`);
      }
    }
  } finally {
    for (const port of ports) port.close();
    for (const thread of threads) void thread.terminate();
  }
}

/** A fresh shared buffer, with no failure found yet. */
export function sharedWords(): SharedArrayBuffer {
  const shared = new SharedArrayBuffer(4 * Object.keys(SHARED_WORDS).length);
  new Int32Array(shared)[SHARED_WORDS.best] = NO_FAILURE;
  return shared;
}

/** words[best] = min(words[best], value), atomically. */
export function lowerBest(words: Int32Array, value: number): void {
  for (let current = Atomics.load(words, SHARED_WORDS.best); value < current; current = Atomics.load(words, SHARED_WORDS.best)) {
    if (Atomics.compareExchange(words, SHARED_WORDS.best, current, value) === current) return;
  }
}
