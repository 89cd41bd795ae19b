import { ChoicePoints, Odds } from './choice-points.js';
import { DEFAULTS, SWARM_RANGES, type SwarmName, type WorldOptions } from './options.js';

/**
 * A world's options as it runs: defaults filled in, each fault probability an
 * Odds (fixed by the test, or drawn from the run's seed within its swarm
 * range, or off when the run does not explore).
 *
 * @example
 * const resolved = resolveOptions({ lossProbability: 0.1 }, points);
 * resolved.loss.weights; // [0.9, 0.1]
 */
export interface ResolvedOptions {
  readonly latencyMinMs: number;
  readonly latencyMaxMs: number;
  /** The tail's mean: fixed, drawn, or 0. */
  readonly latencyMeanMs: number;
  /** Whether a message's latency is a choice point (the tail's mean is not fixed at 0). */
  readonly latencyAsked: boolean;
  readonly linkCapacity: number;
  readonly partitionMinMs: number;
  readonly partitionMaxMs: number;
  readonly clogMinMs: number;
  readonly clogMaxMs: number;
  readonly restartMinMs: number;
  readonly restartMaxMs: number;
  readonly pauseMinMs: number;
  readonly pauseMaxMs: number;
  readonly maxHostsDown: number | null;
  readonly clockSkewMaxMs: number;
  readonly clockDriftMaxPpm: number;
  readonly epochMs: number;
  readonly trapGlobals: boolean;
  readonly loss: Odds;
  readonly duplicate: Odds;
  readonly partition: Odds;
  readonly clog: Odds;
  readonly crash: Odds;
  readonly pause: Odds;
  readonly clockJump: Odds;
}

/**
 * Fills in the defaults and draws every swarm parameter the test left out, in
 * SWARM_RANGES order (so the same seed draws the same values). Assumes the
 * options were checked (checkOptions).
 */
export function resolveOptions(options: WorldOptions, points: ChoicePoints): ResolvedOptions {
  const drawn = new Map<SwarmName, { value: number; asked: boolean }>();
  for (const [name, min, max] of SWARM_RANGES) {
    const fixed = options[name];
    if (fixed !== undefined) drawn.set(name, { value: fixed, asked: points.exploring && fixed > 0 });
    else drawn.set(name, points.exploring ? { value: points.swarm(name, min, max), asked: true } : { value: 0, asked: false });
  }
  const odds = (name: SwarmName): Odds => {
    const { value, asked } = drawn.get(name)!;
    return asked ? new Odds(true, value) : Odds.never;
  };
  const latency = drawn.get('latencyMeanMs')!;
  return {
    ...DEFAULTS,
    ...definedOnly(options),
    latencyMeanMs: latency.value,
    latencyAsked: latency.asked,
    maxHostsDown: options.maxHostsDown ?? null,
    trapGlobals: options.trapGlobals ?? points.exploring,
    loss: odds('lossProbability'),
    duplicate: odds('duplicateProbability'),
    partition: odds('partitionProbability'),
    clog: odds('clogProbability'),
    crash: odds('crashProbability'),
    pause: odds('pauseProbability'),
    clockJump: odds('clockJumpProbability'),
  };
}

/** The options the test gave, without those it gave as undefined (they take their default). */
function definedOnly(options: WorldOptions): Partial<typeof DEFAULTS> {
  const given: Record<string, unknown> = {};
  for (const name of Object.keys(DEFAULTS)) {
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined) given[name] = value;
  }
  return given as Partial<typeof DEFAULTS>;
}
