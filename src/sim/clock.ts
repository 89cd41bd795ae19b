import type { Loop } from '../loop/loop.js';
import type { ClockFaults } from './clock-faults.js';
import type { HostPart } from './host.js';

/**
 * A host's wall clock: the loop's virtual time plus an offset that may be
 * fixed, drift (ppm) and jump, always within ±`maxSkewMs` of virtual time
 * (TigerBeetle's offset models, kept to what a test can reason about). It
 * belongs to the machine, so it keeps its offset across crashes. `sleep` and
 * timers stay on the loop's monotonic virtual time: only what a host reads
 * from its wall clock is skewed.
 *
 * @example
 * const leaseEndsMs = host.clock.now() + 5_000; // as Date.now() would, but simulated
 */
export class HostClock implements HostPart {
  private jumpsMs = 0;

  constructor(
    private readonly loop: Loop,
    private readonly epochMs: number,
    private readonly maxSkewMs: number,
    /** The fixed part of the offset. */
    private readonly baseOffsetMs: number,
    /** How fast the clock runs off virtual time, in parts per million (100: 0.1 ms fast per second). */
    readonly driftPpm: number,
    private readonly faults: ClockFaults,
    /** Told of each jump: how far, and the offset after it. */
    private readonly onJump: (jumpMs: number, offsetMs: number) => void,
  ) {}

  /** The wall clock in milliseconds since the Unix epoch, as Date.now() reads it (a whole number). */
  now(): number {
    const timeMs = this.loop.time();
    const jumpMs = this.faults.jumpMs(this.maxSkewMs);
    if (jumpMs !== 0) this.jump(jumpMs, timeMs);
    return Math.floor(this.epochMs + timeMs + this.offsetAt(timeMs));
  }

  /** @internal A crash leaves the clock as it is: it is the machine's, not the process's. */
  crash(): void {}

  /** @internal Nothing of a dead incarnation lives in a clock. */
  checkCrashed(): void {}

  /** @internal A new incarnation reads the same clock. */
  boot(): void {}

  /** How far the wall clock is from virtual time now, in milliseconds (negative: behind). */
  offsetMs(): number {
    return this.offsetAt(this.loop.time());
  }

  private jump(jumpMs: number, timeMs: number): void {
    const before = this.offsetAt(timeMs);
    const after = this.clamp(before + jumpMs);
    this.jumpsMs += after - before;
    this.onJump(after - before, after);
  }

  private offsetAt(timeMs: number): number {
    return this.clamp(this.baseOffsetMs + this.jumpsMs + (this.driftPpm * timeMs) / 1_000_000);
  }

  private clamp(offsetMs: number): number {
    return Math.max(-this.maxSkewMs, Math.min(this.maxSkewMs, offsetMs));
  }
}
