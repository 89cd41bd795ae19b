import type { ChoicePoints } from './choice-points.js';
import type { Odds } from './choice-points.js';

/** Steps of a clock fault either way: none, then ± a quarter, a half and all of the bound. */
const STEPS = [0, 0.25, -0.25, 0.5, -0.5, 1, -1] as const;
/** Odds of the drift steps: half the time none, the rest alike. */
const DRIFT_WEIGHTS = STEPS.map((step) => (step === 0 ? 0.5 : 0.5 / (STEPS.length - 1)));

/**
 * The clocks' faults: the one place that asks for a `clock` choice. A host's
 * drift is chosen once, when it joins; a jump may happen at any read of its
 * wall clock. Each answer is a step of a bound the test fixes (the most
 * drift in ppm, the most skew in ms), so a choice means the same in every
 * run; 0 is no drift, no jump.
 */
export class ClockFaults {
  constructor(
    private readonly points: ChoicePoints,
    private readonly jump: Odds,
  ) {}

  /** The drift a new host's clock runs with, in ppm, within ±`maxPpm`. */
  driftPpm(maxPpm: number): number {
    if (!this.points.active || maxPpm <= 0) return 0;
    return maxPpm * (STEPS[this.points.ask('clock', 'drift', STEPS.length, DRIFT_WEIGHTS)] as number);
  }

  /** How far the clock jumps at this read (0: it does not), within ±`maxSkewMs`. */
  jumpMs(maxSkewMs: number): number {
    if (!this.jump.asked || !this.points.active || maxSkewMs <= 0) return 0;
    if (this.points.ask('clock', 'jump', 2, this.jump.weights) === 0) return 0;
    return maxSkewMs * (STEPS[1 + this.points.ask('clock', 'jump-size', STEPS.length - 1)] as number);
  }
}
