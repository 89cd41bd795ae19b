/**
 * A fault's probability: a fixed number in [0, 1], where 0 turns the fault
 * off altogether (no choice point at all), or `'swarm'`: each explored run
 * draws its own from the run's seed (TigerBeetle's swarm testing), and a
 * plain `run()` or a replay uses 0.
 *
 * @example
 * const odds: DiskProbability = 'swarm';
 */
export type DiskProbability = number | 'swarm';

/**
 * How one host's disk behaves: a flat record, units in the names, every
 * fault off by default except the one no disk can avoid, that a crash may
 * lose what was not fsynced. Ranges are checked when the disk is made.
 *
 * @example
 * new Disk(loop, 'r1', { blockSizeBytes: 512, latencyMinMs: 1, latencyMeanMs: 3, tornWriteProbability: 'swarm' });
 */
export interface DiskOptions {
  /** The unit of torn writes, of read faults and of space accounting (default 4096). */
  readonly blockSizeBytes?: number;
  /** A write or truncate that would need more space fails with ENOSPC (default Infinity: never). */
  readonly capacityBytes?: number;
  /** The least time an operation takes (default 1). */
  readonly latencyMinMs?: number;
  /** Its mean: the minimum plus an exponential tail, explored as 8 buckets (default 2; equal to the minimum: no tail). */
  readonly latencyMeanMs?: number;
  /** Odds that an operation is slow, taking `slowLatencyMs` more (default 0; swarm: 0–10%). */
  readonly slowProbability?: DiskProbability;
  /** How much longer a slow operation takes (default 1000). */
  readonly slowLatencyMs?: number;
  /** Odds that a pending write, truncate or directory change survives a crash (default 'swarm': 0–100%). */
  readonly crashSurvivalProbability?: DiskProbability;
  /** Odds that a surviving pending write of several blocks survives torn, as a prefix of whole blocks (default 0; swarm: 0–100%). */
  readonly tornWriteProbability?: DiskProbability;
  /** Odds that a block read turns out unreadable (a latent sector error: EIO until rewritten) (default 0; swarm: 0–5%). */
  readonly readErrorProbability?: DiskProbability;
  /** Odds that a block read turns out silently corrupt (garbage until rewritten) (default 0; swarm: 0–5%). */
  readonly corruptionProbability?: DiskProbability;
  /** Odds that a write lands one block further on than asked (default 0; swarm: 0–5%). */
  readonly misdirectedWriteProbability?: DiskProbability;
}

/** A disk's options with every default filled in; probabilities still as given. */
export type ResolvedDiskOptions = { readonly [K in keyof DiskOptions]-?: Exclude<DiskOptions[K], undefined> };

/** The fault probabilities, and the range the swarm draws each from. */
export const SWARM_RANGES = {
  slowProbability: 0.1,
  crashSurvivalProbability: 1,
  tornWriteProbability: 1,
  readErrorProbability: 0.05,
  corruptionProbability: 0.05,
  misdirectedWriteProbability: 0.05,
} as const;

/** The name of a fault probability option. */
export type ProbabilityOption = keyof typeof SWARM_RANGES;

const DEFAULTS: ResolvedDiskOptions = {
  blockSizeBytes: 4096,
  capacityBytes: Infinity,
  latencyMinMs: 1,
  latencyMeanMs: 2,
  slowProbability: 0,
  slowLatencyMs: 1000,
  crashSurvivalProbability: 'swarm',
  tornWriteProbability: 0,
  readErrorProbability: 0,
  corruptionProbability: 0,
  misdirectedWriteProbability: 0,
};

/** Fills in the defaults and checks every range, with an error naming the field and the host. */
export function resolveDiskOptions(options: DiskOptions, host: string): ResolvedDiskOptions {
  const where = `the disk of host ${host}`;
  if (options === null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object, got ${String(options)}`);
  for (const key of Object.keys(options)) {
    if (!(key in DEFAULTS)) throw new RangeError(`${where}: unknown option ${key}; the options are ${Object.keys(DEFAULTS).join(', ')}`);
  }
  const resolved = { ...DEFAULTS, ...definedOnly(options) };
  const check = (field: keyof DiskOptions, ok: boolean, rule: string): void => {
    if (!ok) throw new RangeError(`${where}: ${field} must be ${rule}, got ${String(resolved[field])}`);
  };
  check('blockSizeBytes', Number.isSafeInteger(resolved.blockSizeBytes) && resolved.blockSizeBytes >= 1, 'a whole number ≥ 1');
  check('capacityBytes', resolved.capacityBytes === Infinity || (Number.isSafeInteger(resolved.capacityBytes) && resolved.capacityBytes >= 0), 'a whole number ≥ 0 or Infinity');
  check('latencyMinMs', Number.isFinite(resolved.latencyMinMs) && resolved.latencyMinMs >= 0, 'a finite number ≥ 0');
  check('latencyMeanMs', Number.isFinite(resolved.latencyMeanMs) && resolved.latencyMeanMs >= resolved.latencyMinMs, `a finite number ≥ latencyMinMs (${resolved.latencyMinMs})`);
  check('slowLatencyMs', Number.isFinite(resolved.slowLatencyMs) && resolved.slowLatencyMs >= 0, 'a finite number ≥ 0');
  for (const field of Object.keys(SWARM_RANGES) as ProbabilityOption[]) {
    const value = resolved[field];
    check(field, value === 'swarm' || (typeof value === 'number' && value >= 0 && value <= 1), "a number in [0, 1] or 'swarm'");
  }
  return resolved;
}

function definedOnly(options: DiskOptions): DiskOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as DiskOptions;
}
