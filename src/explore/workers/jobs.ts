import type { ExploreOptions } from '../explore.js';
import type { ProbeStats } from '../choices/plan.js';
import type { RunChecks } from '../execute.js';
import type { StreamChoices } from '../choices/streams.js';

/**
 * What a worker thread is asked to do, as plain data: make its share of a
 * seeded plan's runs (`sample`), walk branches of an exhaustive search
 * (`walk`), or replay one schedule in a fresh copy of the program (`replay`,
 * the self-check's test for state that leaks between runs).
 */
export type WorkerJob =
  | {
      readonly kind: 'sample';
      readonly file: string;
      readonly options: ExploreOptions;
      readonly stats: ProbeStats;
      /** This worker's runs: every `workers`-th of the shard's runs after run 0, from position `worker`. */
      readonly worker: number;
      readonly workers: number;
      /** The time budget's end (Date.now() milliseconds), or null. */
      readonly deadlineMs: number | null;
    }
  | {
      readonly kind: 'walk';
      readonly file: string;
      readonly options: ExploreOptions;
      readonly deadlineMs: number | null;
    }
  | {
      readonly kind: 'replay';
      readonly file: string;
      readonly streams: StreamChoices;
      readonly cancel: string | null;
      readonly checks: Omit<RunChecks, 'invariant' | 'check'>;
    };
