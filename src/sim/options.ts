import { showValue } from '../show.js';
import { resolveDiskOptions, type DiskOptions } from './disk/options.js';

/**
 * The options of a simulated world: one flat record, units in the names,
 * every fault off unless the run explores. A fault probability left out is a
 * swarm parameter: each explored run draws it from its seed within the range
 * below (TigerBeetle's swarm testing), and the report prints what it drew. A
 * probability the test gives is fixed for every run, and 0 removes the fault
 * (and its choice point) altogether.
 *
 * @example
 * createWorld({ lossProbability: 0.05, latencyMinMs: 2, maxHostsDown: 1 });
 */
export interface WorldOptions {
  /** The base one-way latency of a message: what every message takes in the fault-free run. Default 1. */
  latencyMinMs?: number;
  /** The longest latency a message may take: the last of the latency buckets. Default 100. */
  latencyMaxMs?: number;
  /** The mean of the exponential tail above the base latency (TigerBeetle's one_way_delay_mean). Swarm: 0 to 30. */
  latencyMeanMs?: number;
  /** The chance a message is lost. Swarm: 0 to 0.3. */
  lossProbability?: number;
  /** The chance a message is delivered twice, the copy with its own latency. Swarm: 0 to 0.2. */
  duplicateProbability?: number;
  /** Messages in flight on one link (one direction) at most; one more is dropped. Default no limit. */
  linkCapacity?: number;
  /** The chance, at each send, that a random partition starts (when none is on). Swarm: 0 to 0.02. */
  partitionProbability?: number;
  /** The shortest a random partition lasts. Default 100. */
  partitionMinMs?: number;
  /** The longest a random partition lasts. Default 2,000. */
  partitionMaxMs?: number;
  /** The chance, at each send, that its link clogs: messages wait on it until it clears. Swarm: 0 to 0.02. */
  clogProbability?: number;
  /** The shortest a clog lasts. Default 10. */
  clogMinMs?: number;
  /** The longest a clog lasts. Default 500. */
  clogMaxMs?: number;
  /** The chance, at each message a host sends or is about to receive, that it crashes there. Swarm: 0 to 0.005. */
  crashProbability?: number;
  /** The same chance for a pause (the host freezes, then resumes). Swarm: 0 to 0.005. */
  pauseProbability?: number;
  /** The shortest a randomly crashed host stays down before it restarts. Default 10. */
  restartMinMs?: number;
  /** The longest a randomly crashed host stays down. Default 1,000. */
  restartMaxMs?: number;
  /** The shortest random pause. Default 10. */
  pauseMinMs?: number;
  /** The longest random pause. Default 500. */
  pauseMaxMs?: number;
  /**
   * How many hosts random faults may have down or paused at once. Default a
   * minority of the hosts that random faults may touch (⌊(n - 1) / 2⌋), so a
   * majority is always up, as FoundationDB never kills past recoverability.
   */
  maxHostsDown?: number;
  /**
   * How many hosts may hold a faulty copy (unreadable, corrupt or
   * misdirected) of the same block of the same file at once (the disks'
   * FaultAtlas). Default a minority of the hosts, ⌊(n - 1) / 2⌋: none for a
   * single host.
   */
  maxFaultyCopies?: number;
  /** Every host's disk options (see DiskOptions); a host's own `disk` option goes over them. */
  disk?: DiskOptions;
  /** How far a host's wall clock may be from virtual time, either way. Default 1,000. */
  clockSkewMaxMs?: number;
  /** The largest drift a host's clock is given when the run explores, in parts per million. Default 200; 0 for none. */
  clockDriftMaxPpm?: number;
  /** The chance, at each read of a host's wall clock, that it jumps. Swarm: 0 to 0.01. */
  clockJumpProbability?: number;
  /** What a host's wall clock reads at virtual time 0 with no offset. Default 2026-01-01T00:00:00Z. */
  epochMs?: number;
  /**
   * Whether `Math.random`, `Date.now`, `performance.now`, `setTimeout`,
   * `setInterval` and `setImmediate` throw inside a host's code. Default:
   * when the run explores or replays.
   */
  trapGlobals?: boolean;
}

/** The fault probabilities a run draws from its seed unless the test fixes them, with their swarm ranges, in drawing order. */
export const SWARM_RANGES = [
  ['latencyMeanMs', 0, 30],
  ['lossProbability', 0, 0.3],
  ['duplicateProbability', 0, 0.2],
  ['partitionProbability', 0, 0.02],
  ['clogProbability', 0, 0.02],
  ['crashProbability', 0, 0.005],
  ['pauseProbability', 0, 0.005],
  ['clockJumpProbability', 0, 0.01],
] as const satisfies ReadonlyArray<readonly [keyof WorldOptions, number, number]>;

/** A swarm parameter's name. */
export type SwarmName = (typeof SWARM_RANGES)[number][0];

/** The defaults of every option that is not a swarm parameter. */
export const DEFAULTS = {
  latencyMinMs: 1,
  latencyMaxMs: 100,
  linkCapacity: Infinity,
  partitionMinMs: 100,
  partitionMaxMs: 2_000,
  clogMinMs: 10,
  clogMaxMs: 500,
  restartMinMs: 10,
  restartMaxMs: 1_000,
  pauseMinMs: 10,
  pauseMaxMs: 500,
  clockSkewMaxMs: 1_000,
  clockDriftMaxPpm: 200,
  epochMs: Date.UTC(2026, 0, 1),
} as const;

/** What values an option takes, for checking: its kind by name (world, host and link options alike). */
const KINDS: Readonly<Record<string, 'probability' | 'whole' | 'duration' | 'signed' | 'boolean' | 'record'>> = {
  latencyMinMs: 'duration',
  latencyMaxMs: 'duration',
  latencyMeanMs: 'duration',
  lossProbability: 'probability',
  duplicateProbability: 'probability',
  linkCapacity: 'whole',
  partitionProbability: 'probability',
  partitionMinMs: 'duration',
  partitionMaxMs: 'duration',
  clogProbability: 'probability',
  clogMinMs: 'duration',
  clogMaxMs: 'duration',
  crashProbability: 'probability',
  pauseProbability: 'probability',
  restartMinMs: 'duration',
  restartMaxMs: 'duration',
  pauseMinMs: 'duration',
  pauseMaxMs: 'duration',
  maxHostsDown: 'whole',
  maxFaultyCopies: 'whole',
  disk: 'record',
  clockSkewMaxMs: 'duration',
  clockDriftMaxPpm: 'duration',
  clockJumpProbability: 'probability',
  epochMs: 'signed',
  trapGlobals: 'boolean',
  protected: 'boolean',
  clockOffsetMs: 'signed',
  clockDriftPpm: 'signed',
};

/** The names of WorldOptions. */
const OPTION_NAMES: ReadonlySet<string> = new Set([...SWARM_RANGES.map(([name]) => name), ...Object.keys(DEFAULTS), 'maxHostsDown', 'maxFaultyCopies', 'disk', 'trapGlobals']);

/** Pairs whose minimum must not exceed their maximum. */
const RANGES = [
  ['latencyMinMs', 'latencyMaxMs'],
  ['partitionMinMs', 'partitionMaxMs'],
  ['clogMinMs', 'clogMaxMs'],
  ['restartMinMs', 'restartMaxMs'],
  ['pauseMinMs', 'pauseMaxMs'],
] as const;

/**
 * Throws a RangeError or TypeError naming the first option of `options` that
 * is unknown or out of range; `where` says who was given it.
 */
export function checkOptions(
  options: object,
  where: string,
  allowed: ReadonlySet<string> = OPTION_NAMES,
  base: Readonly<Record<string, number>> = DEFAULTS,
): void {
  if (options === null || typeof options !== 'object') throw new TypeError(`${where}: the options must be an object, got ${String(options)}`);
  const record = options as Record<string, unknown>;
  for (const [name, value] of Object.entries(record)) {
    if (!allowed.has(name)) throw new TypeError(`${where}: unknown option ${JSON.stringify(name)} (the options are ${[...allowed].join(', ')})`);
    if (value !== undefined) checkValue(name, value, where);
  }
  for (const [low, high] of RANGES) {
    if (!allowed.has(low)) continue;
    const lowValue = (record[low] as number | undefined) ?? (base[low] as number);
    const highValue = (record[high] as number | undefined) ?? (base[high] as number);
    if (lowValue > highValue) throw new RangeError(`${where}: ${low} (${lowValue}) must not be above ${high} (${highValue})`);
  }
}

function checkValue(name: string, value: unknown, where: string): void {
  const kind = KINDS[name];
  if (kind === 'record') {
    resolveDiskOptions(value as DiskOptions, `${where}: disk`); // the only record: throws naming the field
    return;
  }
  if (kind === 'boolean') {
    if (typeof value !== 'boolean') throw new TypeError(`${where}: ${name} must be true or false, got ${showValue(value)}`);
    return;
  }
  if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError(`${where}: ${name} must be a number, got ${showValue(value)}`);
  if (kind === 'probability' && !(value >= 0 && value <= 1)) throw new RangeError(`${where}: ${name} must be a probability in [0, 1], got ${value}`);
  if (kind === 'whole' && !(value === Infinity || (Number.isInteger(value) && value >= (name === 'linkCapacity' ? 1 : 0)))) {
    throw new RangeError(`${where}: ${name} must be a whole number ≥ ${name === 'linkCapacity' ? 1 : 0}, got ${value}`);
  }
  if (kind === 'duration' && !(value >= 0 && Number.isFinite(value))) throw new RangeError(`${where}: ${name} must be a finite number ≥ 0, got ${value}`);
  if (kind === 'signed' && !Number.isFinite(value)) throw new RangeError(`${where}: ${name} must be a finite number, got ${value}`);
}
