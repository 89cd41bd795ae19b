/**
 * How one host's disk behaves: a flat record, units in the names, checked
 * when the disk is made. In a plain run every fault is off but the one no
 * disk can avoid, that a crash loses what was not fsynced. A fault
 * probability left out is a swarm parameter, as in the world's options: each
 * explored run draws it from its seed within its range (the report prints
 * it); a probability given is fixed for every run, and 0 removes the fault
 * and its choice point altogether.
 *
 * @example
 * new Disk(loop, 'r1', { blockSizeBytes: 512, latencyMinMs: 1, latencyMeanMs: 3, corruptionProbability: 0 });
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
  /** Odds that an operation is slow, taking `slowLatencyMs` more (swarm: 0–10%). */
  readonly slowProbability?: number;
  /** How much longer a slow operation takes (default 1000). */
  readonly slowLatencyMs?: number;
  /** Odds that a pending write, truncate or directory change survives a crash (swarm: 0–100%). */
  readonly crashSurvivalProbability?: number;
  /** Odds that a surviving pending write of several blocks survives torn, as a prefix of whole blocks (swarm: 0–100%). */
  readonly tornWriteProbability?: number;
  /** Odds that a block read turns out unreadable: a latent sector error, EIO until rewritten (swarm: 0–5%; where the fault atlas allows). */
  readonly readErrorProbability?: number;
  /** Odds that a block read turns out silently corrupt: garbage until rewritten (swarm: 0–5%; where the fault atlas allows). */
  readonly corruptionProbability?: number;
  /** Odds that a write lands one block further on than asked (swarm: 0–5%; where the fault atlas allows). */
  readonly misdirectedWriteProbability?: number;
}

/** The name of a fault probability option. */
export type ProbabilityOption = keyof typeof SWARM_RANGES;

/** A disk's options with every default filled in; a probability left out stays undefined (a swarm parameter). */
export type ResolvedDiskOptions = { readonly [K in Exclude<keyof DiskOptions, ProbabilityOption>]-?: Exclude<DiskOptions[K], undefined> } & {
  readonly [K in ProbabilityOption]: number | undefined;
};

/** The fault probabilities, and the top of the range [0, top] the swarm draws each from, in drawing order. */
export const SWARM_RANGES = {
  slowProbability: 0.1,
  crashSurvivalProbability: 1,
  tornWriteProbability: 1,
  readErrorProbability: 0.05,
  corruptionProbability: 0.05,
  misdirectedWriteProbability: 0.05,
} as const;

const DEFAULTS: ResolvedDiskOptions = {
  blockSizeBytes: 4096,
  capacityBytes: Infinity,
  latencyMinMs: 1,
  latencyMeanMs: 2,
  slowProbability: undefined,
  slowLatencyMs: 1000,
  crashSurvivalProbability: undefined,
  tornWriteProbability: undefined,
  readErrorProbability: undefined,
  corruptionProbability: undefined,
  misdirectedWriteProbability: undefined,
};

/** Fills in the defaults and checks every range, with an error naming the field after `where` (who was given the options). */
export function resolveDiskOptions(options: DiskOptions, where: string): ResolvedDiskOptions {
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
    check(field, value === undefined || (typeof value === 'number' && value >= 0 && value <= 1), 'a number in [0, 1]');
  }
  return resolved;
}

function definedOnly(options: DiskOptions): DiskOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as DiskOptions;
}
