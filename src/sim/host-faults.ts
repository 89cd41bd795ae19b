import { DURATION_BUCKETS, durationBuckets } from './buckets.js';
import type { ChoicePoints } from './choice-points.js';
import type { Host } from './host.js';
import type { ResolvedOptions } from './swarm.js';

/**
 * What a random host fault does at one of a host's messages.
 *
 * @example
 * const fault: HostFault = 'crash';
 */
export type HostFault = 'none' | 'crash' | 'pause';

const FAULTS = ['none', 'crash', 'pause'] as const;

/**
 * The hosts' random faults: the one place that asks for a `crash` choice.
 * A host may crash or pause at each message it sends (just after it leaves)
 * and each message about to reach it (just before it arrives), which is
 * where a crash changes what a distributed program does. Faults stay
 * recoverable: never more than `maxHostsDown` hosts down or paused at once,
 * never a protected host, and each downtime and pause ends, after one of a
 * few fixed durations.
 */
export class HostFaults {
  /** Whether any host may ever fault at random in this run (a crash or a pause is asked for). */
  readonly possible: boolean;
  private readonly weights: readonly number[];
  private readonly downtimesMs: number[];
  private readonly pausesMs: number[];
  private readonly uniform = Array.from({ length: DURATION_BUCKETS }, () => 1);

  constructor(
    private readonly points: ChoicePoints,
    private readonly options: ResolvedOptions,
  ) {
    const { crash, pause } = options;
    this.possible = crash.asked || pause.asked;
    this.weights = [Math.max(0, 1 - crash.probability - pause.probability), crash.probability, pause.probability];
    this.downtimesMs = durationBuckets(options.restartMinMs, options.restartMaxMs);
    this.pausesMs = durationBuckets(options.pauseMinMs, options.pauseMaxMs);
  }

  /**
   * Whether `host` crashes or pauses at this message. `unavailable` hosts
   * (of the `crashable` ones random faults may touch) are down or paused now.
   */
  atMessage(host: Host, unavailable: number, crashable: number): HostFault {
    if (!this.possible || !this.points.active || host.isProtected || host.state !== 'up') return 'none';
    if (unavailable >= this.maxHostsDown(crashable)) return 'none';
    return FAULTS[this.points.ask('crash', 'host', FAULTS.length, this.weights)] ?? 'none';
  }

  /** How long a host that crashed at random stays down. */
  downtimeMs(): number {
    return this.downtimesMs[this.points.ask('crash', 'downtime-ms', DURATION_BUCKETS, this.uniform)] as number;
  }

  /** How long a random pause lasts. */
  pauseMs(): number {
    return this.pausesMs[this.points.ask('crash', 'pause-ms', DURATION_BUCKETS, this.uniform)] as number;
  }

  /** The option, or a minority of the hosts random faults may touch. */
  private maxHostsDown(crashable: number): number {
    return this.options.maxHostsDown ?? Math.floor((crashable - 1) / 2);
  }
}
