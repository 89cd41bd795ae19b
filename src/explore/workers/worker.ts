// An exploration worker thread: does the job exploreFile gave it (see
// jobs.ts), reporting progress as it goes and its result at the end. The
// parent blocks on the shared counter each message bumps (pool.ts).
import { isMainThread, workerData, type MessagePort } from 'node:worker_threads';
import { executeRun } from '../execute.js';
import { walkShare } from '../exhaustive-walk.js';
import { shardBranches } from '../choices/shard.js';
import { timeBudget } from '../explore.js';
import { makePlan, type ExplorePlan } from '../choices/plan.js';
import { ScriptedChooser } from '../choices/scripted.js';
import type { RunRecord } from '../execute.js';
import { loadSubject } from './load-subject.js';
import { lowerBest, SHARED_WORDS, type WorkerMessage } from './pool.js';
import type { WorkerJob } from './jobs.js';
import { sampleRuns } from '../search.js';
import { workerRuns } from './workers.js';

/** Progress is sent every this many runs, to keep messages few. */
const BATCH = 32;

interface Channel {
  readonly words: Int32Array;
  post(message: WorkerMessage): void;
}

function work(job: WorkerJob, shared: SharedArrayBuffer, port: MessagePort): void {
  const words = new Int32Array(shared);
  const channel: Channel = {
    words,
    post(message) {
      port.postMessage(message);
      Atomics.add(words, SHARED_WORDS.posted, 1);
      Atomics.notify(words, SHARED_WORDS.posted);
    },
  };
  try {
    if (job.kind === 'sample') sample(job, channel);
    else if (job.kind === 'walk') walk(job, channel);
    else replayFresh(job, channel);
  } catch (error) {
    channel.post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

function sample(job: Extract<WorkerJob, { kind: 'sample' }>, channel: Channel): void {
  const loaded = loadSubject(job.file);
  const plan = makePlan(job.options);
  const progress = progressReporter(plan, channel, (runIndex) => lowerBest(channel.words, runIndex));
  const clock = timeBudget(plan, job.deadlineMs);
  const findings = sampleRuns(loaded.subject, plan, loaded.invariant, job.stats, workerRuns(plan, job.worker, job.workers), progress.observe, (runIndex) =>
    (plan.stopOnFailure && runIndex > Atomics.load(channel.words, SHARED_WORDS.best)) || clock.up(),
  );
  progress.flush();
  channel.post({ type: 'sampled', findings, timedOut: clock.ran });
}

/**
 * Walks branches of the shard's share of an exhaustive search, taking the
 * next unwalked one whenever it is free. Its own FIFO run (which every
 * walker makes, to find the branches) is not counted as progress: the
 * parent made and counted run 0.
 */
function walk(job: Extract<WorkerJob, { kind: 'walk' }>, channel: Channel): void {
  const loaded = loadSubject(job.file);
  const plan = makePlan(job.options);
  const progress = progressReporter(plan, channel, () => {});
  const clock = timeBudget(plan, job.deadlineMs);
  const { share } = walkShare(loaded.subject, plan, loaded.invariant, {
    take: function* (branches) {
      const mine = [...shardBranches(plan.shard)(branches)];
      for (let at = Atomics.add(channel.words, SHARED_WORDS.nextBranch, 1); at < mine.length; at = Atomics.add(channel.words, SHARED_WORDS.nextBranch, 1)) {
        yield mine[at] as number;
      }
    },
    observe: progress.observe,
    observeFifo: false,
    shouldStop: (branch) => (plan.stopOnFailure && branch > Atomics.load(channel.words, SHARED_WORDS.best)) || clock.up(),
    onOutcome: (outcome) => {
      if (outcome.end === 'failure') lowerBest(channel.words, outcome.branch);
    },
  });
  progress.flush();
  channel.post({ type: 'walked', outcomes: [...share.outcomes], timedOut: clock.ran });
}

function replayFresh(job: Extract<WorkerJob, { kind: 'replay' }>, channel: Channel): void {
  const loaded = loadSubject(job.file);
  const record = executeRun(loaded.subject, new ScriptedChooser(job.streams), job.cancel, { ...job.checks, invariant: loaded.invariant }, false);
  channel.post({ type: 'replayed', failure: record.failure });
}

/** Counts runs and failures, posting them every BATCH runs and at each failure. */
function progressReporter(plan: ExplorePlan, channel: Channel, onFailure: (runIndex: number) => void) {
  let runs = 0;
  let failures = 0;
  const flush = (): void => {
    if (runs > 0) channel.post({ type: 'runs', runs, failures });
    runs = failures = 0;
  };
  return {
    observe(runIndex: number, record: RunRecord): void {
      runs++;
      if (record.failure !== null) {
        failures++;
        if (plan.stopOnFailure) onFailure(runIndex);
      }
      if (runs === BATCH || record.failure !== null) flush();
    },
    flush,
  };
}

// Imported on the main thread (by a build that must include this file), it does nothing. On a
// worker it starts once this module has loaded, so the subject may import this module too.
if (!isMainThread) {
  const data = workerData as { job: WorkerJob; shared: SharedArrayBuffer; port: MessagePort };
  setImmediate(() => work(data.job, data.shared, data.port));
}
