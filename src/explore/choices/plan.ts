import { FIFO_CHOOSER, type Chooser } from './chooser.js';
import { DEFAULT_EXPLORE_MAX_STEPS, type RunChecks } from '../execute.js';
import { PctChooser } from './pct.js';
import { checkSeed, Prng } from './prng.js';
import { RandomChooser } from './random.js';
import { WorldDraws } from './world-draws.js';
import { checkShard, parseShard, type Shard } from './shard.js';
import { showValue } from '../../show.js';

/**
 * How choices are made: `fifo` (asyncio's order), `random` (every choice
 * seeded at random), `pct` (random task priorities with d - 1 change points),
 * `exhaustive` (every schedule, depth-first, within a preemption bound).
 *
 * @example
 * const policy: PolicyName = process.env.CI ? 'pct' : 'random';
 * explore(main, { policy, runs: 1_000 });
 */
export type PolicyName = 'fifo' | 'random' | 'pct' | 'exhaustive';

export const POLICY_NAMES: readonly PolicyName[] = ['fifo', 'random', 'pct', 'exhaustive'];

/**
 * Everything that decides an exploration's runs, as plain data (it crosses
 * to worker threads). The invariant, a function, travels separately.
 *
 * @example
 * const { plan } = explore(main, { policy: 'pct', runs: 200 });
 * console.log(plan.policy, plan.seed, plan.runs, plan.depth); // 'pct' 0 200 3
 */
export interface ExplorePlan {
  readonly policy: PolicyName;
  readonly seed: number;
  /** Runs to make (random, pct), or the run limit (exhaustive). Run 0 is always the FIFO run. */
  readonly runs: number;
  /** PCT's bug depth d. */
  readonly depth: number;
  /** The exhaustive search's preemption bound. */
  readonly preemptions: number;
  /** The exhaustive search's bound on a simulated world's faults per schedule (0: the world stays fault-free). */
  readonly faults: number;
  /** The cancel target: a task name, `*`, or null. */
  readonly cancel: string | null;
  readonly checks: Required<Omit<RunChecks, 'invariant' | 'check'>>;
  readonly stopOnFailure: boolean;
  readonly shard: Shard | null;
  /** The time budget in milliseconds of wall-clock time, or null: the run count alone bounds the exploration. */
  readonly timeMs: number | null;
}

/**
 * What the FIFO run (run 0) measured, which sizes the random choices of the others.
 *
 * @example
 * const { probe } = explore(main, { runs: 10 });
 * console.log(`${probe.tasks} tasks, ${probe.steps} steps, ${probe.cancelPoints} cancellation points`);
 */
export interface ProbeStats {
  /** Callbacks run: PCT's estimate k of a run's length. */
  readonly steps: number;
  /** Tasks created: PCT's n. */
  readonly tasks: number;
  /** Cancellation points met: where a seeded cancel may land. */
  readonly cancelPoints: number;
}

/** Enough for the depth-3 bugs of examples/zoo on every seed measured (bench/zoo.ts; docs/exploration.md). */
export const DEFAULT_RUNS = 1_000;
export const DEFAULT_EXHAUSTIVE_RUNS = 10_000;
export const DEFAULT_DEPTH = 3;
export const DEFAULT_PREEMPTIONS = 2;
/** The run count of a time-budgeted exploration without one: as many as the time allows. */
export const UNBOUNDED_RUNS = 0x7fffffff;

/** The options of a plan, as explore() takes them. */
export interface PlanOptions extends RunChecks {
  /** `random` (default), `pct`, `exhaustive`, or `fifo` (with a cancel target: each resumption in turn). */
  policy?: PolicyName;
  /** Runs to make (default 1,000), or the run limit of `exhaustive` (default 10,000). */
  runs?: number;
  /** The seed of every random choice: an integer in [0, 2^32). Default 0. */
  seed?: number;
  /** PCT's bug depth d (default 3): d - 1 priority change points per run. */
  depth?: number;
  /** The exhaustive search's preemption bound (default 2). */
  preemptions?: number;
  /**
   * The exhaustive search's bound on a simulated world's faults (choices
   * other than 0 in the world's streams) per schedule. Default 0: the search
   * covers schedules of the fault-free world only.
   */
  faults?: number;
  /** Inject cancel() at resumptions of this task (`*`: every task but main). */
  cancel?: string | null;
  /** Stop at the first failing run (default true); false collects every failing run. */
  stopOnFailure?: boolean;
  /** Make only this share of the runs: `i/n` or { index, count }. */
  shard?: string | Shard | null;
  /**
   * Stop starting runs after this many milliseconds of wall-clock time, even
   * if runs are left. Off by default, so that an exploration makes the same
   * runs on every machine; with it, what is found depends on the machine.
   * Without `runs`, the run count is then unbounded.
   */
  timeMs?: number | null;
}

/** The plan of `options`, with defaults filled in; throws RangeError for a bad option. */
export function makePlan(options: PlanOptions): ExplorePlan {
  const policy = options.policy ?? 'random';
  if (!POLICY_NAMES.includes(policy)) throw new RangeError(`unknown policy ${showValue(policy)}: use ${POLICY_NAMES.join(', ')}`);
  const timeMs = options.timeMs ?? null;
  if (timeMs !== null) checkCount('timeMs', timeMs, 1);
  const runs = options.runs ?? (timeMs !== null ? UNBOUNDED_RUNS : policy === 'exhaustive' || policy === 'fifo' ? DEFAULT_EXHAUSTIVE_RUNS : DEFAULT_RUNS);
  checkCount('runs', runs, 1);
  const seed = options.seed ?? 0;
  checkSeed(seed);
  const depth = options.depth ?? DEFAULT_DEPTH;
  checkCount('depth', depth, 1);
  const preemptions = options.preemptions ?? DEFAULT_PREEMPTIONS;
  checkCount('preemptions', preemptions, 0);
  const faults = options.faults ?? 0;
  checkCount('faults', faults, 0);
  const maxSteps = options.maxSteps ?? DEFAULT_EXPLORE_MAX_STEPS;
  checkCount('maxSteps', maxSteps, 1);
  const shard = options.shard === undefined || options.shard === null ? null : typeof options.shard === 'string' ? parseShard(options.shard) : checkShard(options.shard);
  const cancel = options.cancel ?? null;
  if (cancel !== null && (typeof cancel !== 'string' || cancel === '')) throw new RangeError('cancel must be a task name or "*"');
  return {
    policy,
    seed,
    runs,
    depth,
    preemptions: policy === 'fifo' ? 0 : preemptions,
    faults: policy === 'exhaustive' ? faults : 0,
    cancel,
    checks: {
      invariantAt: options.invariantAt ?? 'step',
      unretrievedErrors: options.unretrievedErrors ?? false,
      callbackErrors: options.callbackErrors ?? true,
      maxSteps,
    },
    stopOnFailure: options.stopOnFailure ?? true,
    shard,
    timeMs,
  };
}

/** The chooser of run `runIndex` of a sampling plan (random, pct): run 0 is FIFO. */
export function chooserFor(plan: ExplorePlan, runIndex: number, stats: ProbeStats): Chooser {
  if (runIndex === 0) return FIFO_CHOOSER;
  const prng = Prng.forRun(plan.seed, runIndex);
  const cancelPoints = plan.cancel === null ? 0 : stats.cancelPoints;
  const world = new WorldDraws(plan.seed, runIndex);
  if (plan.policy === 'pct') return new PctChooser(prng, { depth: plan.depth, steps: stats.steps }, cancelPoints, world);
  if (plan.policy === 'random') return new RandomChooser(prng, cancelPoints, world);
  throw new RangeError(`the ${plan.policy} policy does not sample runs`);
}

function checkCount(name: string, value: number, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) throw new RangeError(`${name} must be an integer ≥ ${minimum}, got ${showValue(value)}`);
}
