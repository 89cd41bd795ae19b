// An exploration worker thread: makes its share of a plan's runs, reporting
// progress as it goes and every failing run at the end. Started by
// exploreFile (workers.ts), which blocks on the shared counter this bumps.
import { isMainThread, workerData } from 'node:worker_threads';
import { loadSubject } from './load-subject.js';
import { makePlan } from '../choices/plan.js';
import { sampleRuns } from '../search.js';
import { workerRuns, type WorkerMessage, type WorkerTask } from './workers.js';

/** Progress is sent every this many runs, to keep messages few. */
const BATCH = 32;

function work(task: WorkerTask): void {
  const words = new Int32Array(task.shared);
  const post = (message: WorkerMessage): void => {
    task.port.postMessage(message);
    Atomics.add(words, 1, 1);
    Atomics.notify(words, 1);
  };
  try {
    const loaded = loadSubject(task.file);
    const plan = makePlan(task.options);
    let runs = 0;
    let failures = 0;
    const findings = sampleRuns(
      loaded.subject,
      plan,
      loaded.invariant,
      task.stats,
      workerRuns(plan, task.worker, task.workers),
      (runIndex, record) => {
        runs++;
        if (record.failure !== null) {
          failures++;
          if (plan.stopOnFailure) lowerBest(words, runIndex);
        }
        if (runs === BATCH || record.failure !== null) {
          post({ type: 'runs', runs, failures });
          runs = failures = 0;
        }
      },
      (runIndex) => plan.stopOnFailure && runIndex > Atomics.load(words, 0),
    );
    if (runs > 0) post({ type: 'runs', runs, failures });
    post({ type: 'done', findings });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

/** words[0] = min(words[0], runIndex), atomically. */
function lowerBest(words: Int32Array, runIndex: number): void {
  for (let current = Atomics.load(words, 0); runIndex < current; current = Atomics.load(words, 0)) {
    if (Atomics.compareExchange(words, 0, current, runIndex) === current) return;
  }
}

// Imported on the main thread (by a build that must include this file), it does nothing. On a
// worker it starts once this module has loaded, so the subject may import this module too.
if (!isMainThread) setImmediate(() => work(workerData as WorkerTask));
