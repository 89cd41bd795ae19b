/**
 * Event times for a recorded history: the clock's reading (virtual
 * milliseconds in a simulation), made strictly increasing. The n-th event
 * recorded at the same reading gets `reading + n × 0.001` (so events at one
 * virtual instant are a microsecond apart, in the order recorded); should that
 * not be later than the previous event's time (a clock that moves in steps
 * under a microsecond, or more than a thousand events at one reading), it gets
 * the next number after the previous time instead.
 *
 * Only the order of the times matters to the checker, and strictly
 * increasing times keep the order the events were recorded in: one client's
 * operation that completes before its next one is invoked precedes it,
 * rather than touching it (touching intervals are concurrent).
 */
const TIE_MS = 0.001;

export class EventTimes {
  private lastReading = -Infinity;
  private ties = 0;
  private last = -Infinity;

  constructor(private readonly clock: () => number) {
    if (typeof clock !== 'function') throw new TypeError(`the clock must be a function returning the time in ms, got ${String(clock)}`);
  }

  /** The time of the next event; throws if the clock is not finite or went back. */
  next(): number {
    const reading = this.clock();
    if (typeof reading !== 'number' || !Number.isFinite(reading)) throw new TypeError(`the clock returned ${String(reading)}; expected a finite number of ms`);
    if (reading < this.lastReading) throw new RangeError(`the clock went back from ${this.lastReading} to ${reading}`);
    this.ties = reading === this.lastReading ? this.ties + 1 : 0;
    this.lastReading = reading;
    let time = reading + this.ties * TIE_MS;
    if (!(time > this.last)) time = nextUp(this.last);
    this.last = time;
    return time;
  }
}

const float = new Float64Array(1);
const bits = new BigInt64Array(float.buffer);

/** The least double greater than `x` (finite). */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  float[0] = x;
  bits[0] = bits[0]! + (x > 0 ? 1n : -1n);
  return float[0]!;
}
