import type { SchedulingPolicy } from '../../loop/policy.js';
import type { AtlasMember, FaultAtlas } from './fault-atlas.js';
import type { BlockFault } from './inode.js';
import { LatencyBuckets } from './latency.js';
import { SWARM_RANGES, type ProbabilityOption, type ResolvedDiskOptions } from './options.js';

/**
 * The one place a disk decides its faults: every decision is a choice in the
 * `disk` stream of the run's policy, 0 being the fault-free answer (the base
 * latency, a good read, a write that lands where asked, a pending change
 * lost at a crash), weighted by the fault probabilities. Where a choice point
 * is depends only on the options (a fault with a fixed probability of 0 has
 * none) and on the atlas; the probabilities, swarm-drawn or fixed, only weigh.
 */
export class DiskFaults {
  private readonly latency: LatencyBuckets;
  /** The fault probabilities of this run and the latency choice's odds: drawn when the disk first asks, so a run that never asks draws none. */
  private drawn: { readonly odds: Readonly<Record<ProbabilityOption, number>>; readonly latencyWeights: readonly number[] } | null = null;
  private healed = false;

  constructor(
    private readonly policy: SchedulingPolicy,
    private readonly options: ResolvedDiskOptions,
    private readonly atlas: FaultAtlas,
    private readonly member: AtlasMember,
    private readonly swarm: (name: string, max: number) => number,
  ) {
    this.latency = new LatencyBuckets(options.latencyMinMs, options.latencyMeanMs);
  }

  /** Whether reads may find new faulty blocks (latent errors or corruption): only then may a read be a choice point. */
  get readFaultsOn(): boolean {
    return (this.isOn('readErrorProbability') || this.isOn('corruptionProbability')) && this.atlas.maxFaultyCopies > 0;
  }

  /** Whether writes may be misdirected: only then may a write be a choice point. */
  get misdirectOn(): boolean {
    return this.isOn('misdirectedWriteProbability') && this.atlas.maxFaultyCopies > 0;
  }

  /** The latency bucket of an operation: 0 the base latency; `isSlow(bucket)` the slow one. */
  chooseLatency(): number {
    if (!this.asking) return 0;
    return this.choose('latency', this.odds().latencyWeights);
  }

  /** How long bucket `bucket` takes. */
  latencyMs(bucket: number): number {
    return this.isSlow(bucket) ? this.options.latencyMinMs + this.options.slowLatencyMs : (this.latency.valuesMs[bucket] as number);
  }

  isSlow(bucket: number): boolean {
    return bucket === this.latency.valuesMs.length;
  }

  /** What a read finds wrong with a healthy `block` of `path`: nothing (the usual answer), or a new fault. */
  readFault(path: string, block: number): BlockFault | undefined {
    if (!this.asking || !this.readFaultsOn || !this.atlas.allows(this.member, path, block)) return undefined;
    const unreadable = this.isOn('readErrorProbability');
    const corrupt = this.isOn('corruptionProbability');
    const { odds } = this.odds();
    const weights = [1 - Math.min(1, odds.readErrorProbability + odds.corruptionProbability)];
    if (unreadable) weights.push(odds.readErrorProbability);
    if (corrupt) weights.push(odds.corruptionProbability);
    const chosen = this.choose('read', weights);
    if (chosen === 0) return undefined;
    return unreadable && chosen === 1 ? 'unreadable' : 'corrupt';
  }

  /** Whether a write to `blocks` of `path` lands one block further on, at `landing` (both lists of block indices). */
  shouldMisdirect(path: string, blocks: readonly number[], landing: readonly number[]): boolean {
    if (!this.asking || !this.misdirectOn) return false;
    for (const block of [...blocks, ...landing]) if (!this.atlas.allows(this.member, path, block)) return false;
    const odds = this.odds().odds.misdirectedWriteProbability;
    return this.choose('misdirect', [1 - odds, odds]) === 1;
  }

  /**
   * What a crash does to a pending write over `blocks` blocks: 0 lost, 1
   * survives whole, 1 + k survives as its first k blocks (torn, k in
   * [1, blocks - 1], only with torn writes on).
   */
  crashWriteOutcome(blocks: number): number {
    if (!this.asking || !this.isOn('crashSurvivalProbability')) return 0;
    const { odds } = this.odds();
    const survive = odds.crashSurvivalProbability;
    if (!this.isOn('tornWriteProbability') || blocks < 2) return this.choose('crash-write', [1 - survive, survive]);
    const torn = odds.tornWriteProbability;
    const weights = [1 - survive, survive * (1 - torn)];
    for (let k = 1; k < blocks; k++) weights.push((survive * torn) / (blocks - 1));
    return this.choose('crash-write', weights);
  }

  /** Whether a pending truncate or directory change survives a crash (0: lost). */
  shouldSurviveCrash(kind: 'crash-truncate' | 'crash-directory'): boolean {
    if (!this.asking || !this.isOn('crashSurvivalProbability')) return false;
    const survive = this.odds().odds.crashSurvivalProbability;
    return this.choose(kind, [1 - survive, survive]) === 1;
  }

  /** From now on every decision takes its fault-free answer without asking: the world's liveness phase. */
  heal(): void {
    this.healed = true;
  }

  /** A fault is on unless its probability is fixed at 0 (a plain run has no choice points anyway: choose answers 0). */
  private isOn(field: ProbabilityOption): boolean {
    return this.options[field] !== 0;
  }

  /** Whether the run answers the world's choices (it explores or replays) and the world has not healed: otherwise every answer is 0 without asking. */
  private get asking(): boolean {
    return this.policy.chooseWorld !== undefined && !this.healed;
  }

  private odds(): NonNullable<DiskFaults['drawn']> {
    if (this.drawn !== null) return this.drawn;
    const odds = {} as Record<ProbabilityOption, number>;
    for (const field of Object.keys(SWARM_RANGES) as ProbabilityOption[]) {
      const value = this.options[field];
      odds[field] = value === undefined ? this.swarm(`disk.${field}`, SWARM_RANGES[field]) : value;
    }
    const slow = odds.slowProbability;
    const latencyWeights = this.isOn('slowProbability') ? [...this.latency.weights.map((weight) => weight * (1 - slow)), slow] : this.latency.weights;
    return (this.drawn = { odds, latencyWeights });
  }

  private choose(kind: string, weights: readonly number[]): number {
    if (weights.length < 2) return 0;
    return this.policy.chooseWorld?.('disk', kind, weights.length, weights) ?? 0;
  }
}
