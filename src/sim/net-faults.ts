import { DURATION_BUCKETS, durationBuckets } from './buckets.js';
import type { ChoicePoints } from './choice-points.js';
import type { InFlight } from './envelope.js';
import type { Link } from './link.js';
import type { RuleChain, RuleEntry } from './rules.js';
import type { ResolvedOptions } from './swarm.js';

/**
 * What becomes of one message, as decided when it is sent: delivered after a
 * latency (and perhaps a second copy after another), dropped for a reason,
 * or held by a rule. One object is reused for every send.
 */
export class Fate {
  verdict: 'deliver' | 'drop' | 'hold' = 'deliver';
  /** Why it is dropped: `loss`, `partition`, `capacity`, `rule N`. */
  reason = '';
  /** Whether the drop or the delay is an injected fault (a loss, a rule) rather than the plain network. */
  fault = false;
  delayMs = 0;
  /** The second copy's latency, or -1 for none. */
  duplicateDelayMs = -1;
  /** The rule that holds the message. */
  heldBy: RuleEntry | null = null;

  reset(): void {
    this.verdict = 'deliver';
    this.reason = '';
    this.fault = false;
    this.delayMs = 0;
    this.duplicateDelayMs = -1;
    this.heldBy = null;
  }
}

/** A random partition as chosen: the hosts on the far side (by index), and which way messages stop. */
export interface PartitionShape {
  readonly side: readonly number[];
  /** `both`, `out` (the far side's messages stop) or `in` (messages to the far side stop). */
  readonly direction: 'both' | 'out' | 'in';
  readonly durationMs: number;
}

/** What the network lets its fault function do beside deciding a message's fate. */
export interface NetworkState {
  readonly rules: RuleChain;
  /** How many hosts the world has now (a random partition splits them). */
  hostCount(): number;
  randomPartitionOn(): boolean;
  startRandomPartition(shape: PartitionShape): void;
  startClog(link: Link, durationMs: number): void;
}

/**
 * The network's faults: the one place that asks the run for a `net` choice.
 * Each fault is a named predicate; `decide` asks them in a fixed order for
 * every message between two hosts (a host's messages to itself are never
 * faulted), so the choice points of a run depend only on the program, the
 * fixed options and the choices before.
 */
export class NetworkFaults {
  private readonly partitionDurationsMs: number[];
  private readonly clogDurationsMs: number[];
  private readonly uniformDurations = Array.from({ length: DURATION_BUCKETS }, () => 1);
  /** The odds of the splits, for the number of hosts they were made for. */
  private splits: { hosts: number; weights: number[] } = { hosts: 0, weights: [] };

  constructor(
    private readonly points: ChoicePoints,
    private readonly options: ResolvedOptions,
    private readonly state: NetworkState,
  ) {
    this.partitionDurationsMs = durationBuckets(options.partitionMinMs, options.partitionMaxMs);
    this.clogDurationsMs = durationBuckets(options.clogMinMs, options.clogMaxMs);
  }

  /**
   * Decides the fate of `message` on `link`, into `fate`: first the faults of
   * the network as a whole (a random partition may start, the link may clog),
   * then a cut link drops it, then the rules, then the link's capacity, then
   * its own loss, latency and duplicate.
   */
  decide(link: Link, message: InFlight, fate: Fate): void {
    fate.reset();
    const active = this.points.active;
    if (active) {
      const shape = this.shouldPartition();
      if (shape !== null) this.state.startRandomPartition(shape);
      const clogMs = this.shouldClog(link);
      if (clogMs > 0) this.state.startClog(link, clogMs);
    }
    if (link.cuts > 0) return drop(fate, 'partition');
    if (!this.state.rules.empty && this.judgeByRules(message, fate)) return;
    const model = link.model;
    if (link.inFlight >= model.capacity) return drop(fate, 'capacity');
    fate.delayMs = model.latenciesMs[0] as number;
    if (!active) return;
    const lost = this.shouldDrop(link);
    const bucket = this.latencyBucket(link);
    const duplicate = this.duplicateBucket(link);
    if (lost) return drop(fate, 'loss');
    fate.delayMs = model.latenciesMs[bucket] as number;
    fate.fault = bucket > 0;
    if (duplicate > 0) fate.duplicateDelayMs = model.latenciesMs[duplicate - 1] as number;
  }

  /** A message lost. */
  private shouldDrop(link: Link): boolean {
    const loss = link.model.loss;
    return loss.asked && this.points.ask('net', 'drop', 2, loss.weights) === 1;
  }

  /** Which latency bucket a message takes: 0 is the base latency. */
  private latencyBucket(link: Link): number {
    const model = link.model;
    return model.latencyAsked ? this.points.ask('net', 'latency', model.latenciesMs.length, model.latencyWeights) : 0;
  }

  /** 0 for no duplicate, else 1 + the latency bucket of the copy. */
  private duplicateBucket(link: Link): number {
    const model = link.model;
    return model.duplicate.asked ? this.points.ask('net', 'duplicate', model.duplicateWeights.length, model.duplicateWeights) : 0;
  }

  /** Whether a random partition starts now, and its shape: a split of the hosts in two, its direction and its duration. */
  private shouldPartition(): PartitionShape | null {
    const odds = this.options.partition;
    const hosts = this.state.hostCount();
    if (!odds.asked || hosts < 2 || this.state.randomPartitionOn()) return null;
    // Up to 10 hosts, every split (host 0 stays on the near side); beyond that, one host cut off.
    const count = hosts <= 10 ? 2 ** (hosts - 1) : hosts;
    if (this.splits.hosts !== hosts) this.splits = { hosts, weights: splitWeights(count, odds.probability) };
    const split = this.points.ask('net', 'partition', count, this.splits.weights);
    if (split === 0) return null;
    const side = hosts <= 10 ? bitsOf(split, hosts) : [split];
    const direction = (['both', 'out', 'in'] as const)[this.points.ask('net', 'partition-direction', 3)] ?? 'both';
    const durationMs = this.partitionDurationsMs[this.points.ask('net', 'partition-ms', DURATION_BUCKETS, this.uniformDurations)] as number;
    return { side, direction, durationMs };
  }

  /** How long the link clogs from now, or 0 when it does not. */
  private shouldClog(link: Link): number {
    const odds = this.options.clog;
    if (!odds.asked || link.clogged) return 0;
    if (this.points.ask('net', 'clog', 2, odds.weights) === 0) return 0;
    return this.clogDurationsMs[this.points.ask('net', 'clog-ms', DURATION_BUCKETS, this.uniformDurations)] as number;
  }

  /** True when a rule decided (the fate is set); false when every rule passed. */
  private judgeByRules(message: InFlight, fate: Fate): boolean {
    const { verdict, entry } = this.state.rules.judge(message);
    if (verdict === 'pass' || entry === null) return false;
    fate.fault = true;
    if (verdict === 'drop') drop(fate, `rule ${entry.number}`);
    else if (verdict === 'hold') {
      fate.verdict = 'hold';
      fate.heldBy = entry;
    } else if (verdict === 'duplicate') {
      fate.delayMs = message.link.model.latenciesMs[0] as number;
      fate.duplicateDelayMs = fate.delayMs;
    } else fate.delayMs = verdict.deliverAfterMs;
    return true;
  }
}

function drop(fate: Fate, reason: string): void {
  fate.verdict = 'drop';
  fate.reason = reason;
  fate.fault = true;
}

/** No partition with odds 1 - p; every split alike with the rest. */
function splitWeights(count: number, probability: number): number[] {
  return Array.from({ length: count }, (_, index) => (index === 0 ? 1 - probability : probability / (count - 1)));
}

/** The hosts on the far side of split `mask`: bit i - 1 set puts host i there. */
function bitsOf(mask: number, hosts: number): number[] {
  const side: number[] = [];
  for (let index = 1; index < hosts; index++) if ((mask >> (index - 1)) & 1) side.push(index);
  return side;
}
