import { latencyBuckets, latencyWeights } from './buckets.js';
import { Odds } from './choice-points.js';
import type { InFlight } from './envelope.js';
import type { WorldOptions } from './options.js';
import type { ResolvedOptions } from './swarm.js';

/** The options a link may set apart from the world's. */
const LINK_OPTIONS = ['latencyMinMs', 'latencyMaxMs', 'latencyMeanMs', 'lossProbability', 'duplicateProbability', 'linkCapacity'] as const;

/**
 * What `world.link(a, b, options)` may set for the links between two hosts,
 * over the world's options (turmoil's per-link setters). Each is fixed for
 * those links: none is drawn by the swarm.
 *
 * @example
 * world.link('r1', 'r3', { latencyMinMs: 40, lossProbability: 0.2 }); // a slow, lossy link across regions
 */
export type LinkOptions = Pick<WorldOptions, (typeof LINK_OPTIONS)[number]>;

/** The names LinkOptions may have. */
export const LINK_OPTION_NAMES: ReadonlySet<string> = new Set(LINK_OPTIONS);

/**
 * How one link treats messages: its latency buckets and their odds, its loss
 * and duplication odds, its capacity. Made once per world (and once per
 * `world.link` override), so a send computes nothing of it.
 */
export class LinkModel {
  readonly latenciesMs: readonly number[];
  readonly latencyWeights: readonly number[];
  /** Odds of: no duplicate, then a duplicate in each latency bucket. */
  readonly duplicateWeights: readonly number[];

  private constructor(
    minMs: number,
    maxMs: number,
    meanMs: number,
    /** Whether a message's latency is a choice point. */
    readonly latencyAsked: boolean,
    readonly loss: Odds,
    readonly duplicate: Odds,
    readonly capacity: number,
  ) {
    this.latenciesMs = latencyBuckets(minMs, maxMs);
    this.latencyWeights = latencyWeights(minMs, maxMs, meanMs);
    this.duplicateWeights = [1 - duplicate.probability, ...this.latencyWeights.map((weight) => duplicate.probability * weight)];
  }

  /** The world's own model. */
  static of(options: ResolvedOptions): LinkModel {
    return new LinkModel(
      options.latencyMinMs,
      options.latencyMaxMs,
      options.latencyMeanMs,
      options.latencyAsked,
      options.loss,
      options.duplicate,
      options.linkCapacity,
    );
  }

  /** The world's model with a link's overrides; a fixed value is asked only when the run explores and it is above 0. */
  static overriding(options: ResolvedOptions, overrides: LinkOptions, exploring: boolean): LinkModel {
    const fixed = (probability: number | undefined, inherited: Odds): Odds =>
      probability === undefined ? inherited : new Odds(exploring && probability > 0, probability);
    const meanMs = overrides.latencyMeanMs ?? options.latencyMeanMs;
    return new LinkModel(
      overrides.latencyMinMs ?? options.latencyMinMs,
      overrides.latencyMaxMs ?? options.latencyMaxMs,
      meanMs,
      overrides.latencyMeanMs === undefined ? options.latencyAsked : exploring && meanMs > 0,
      fixed(overrides.lossProbability, options.loss),
      fixed(overrides.duplicateProbability, options.duplicate),
      overrides.linkCapacity ?? options.linkCapacity,
    );
  }
}

/**
 * One direction between two hosts. A partition cuts it (a message in flight
 * on a cut link is lost, as in turmoil, even if the cut heals before it would
 * have arrived: each cut starts a new `cutEpoch`, and a message remembers the
 * one it left in). A hold or a clog stops it: messages wait on it, in order,
 * until it is released.
 */
export class Link {
  /** Partitions cutting it now; messages cross only at 0. */
  cuts = 0;
  /** Counts the cuts made so far. */
  cutEpoch = 0;
  /** Holds and clogs stopping it now. */
  holds = 0;
  /** Messages waiting for the holds to end, in arrival order. */
  readonly held: InFlight[] = [];
  /** Messages on their way: scheduled or held. */
  inFlight = 0;
  /** Whether a random clog holds it now. */
  clogged = false;

  constructor(
    readonly from: string,
    readonly to: string,
    /** The receiving host's number (its order of joining the world), so an arrival finds its host without a lookup. */
    readonly target: number,
    public model: LinkModel,
  ) {}

  /** Starts a cut: messages now in flight on it are lost. */
  cut(): void {
    if (this.cuts === 0) this.cutEpoch++;
    this.cuts++;
  }

  /** Ends one cut. */
  uncut(): void {
    if (this.cuts > 0) this.cuts--;
  }

  toString(): string {
    return `${this.from} -> ${this.to}`;
  }
}
