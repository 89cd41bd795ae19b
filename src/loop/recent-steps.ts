/**
 * A fixed ring of the loop's most recent task steps: when the step budget runs
 * out, these say what the program was doing. Recording stores three references
 * and allocates nothing; rendering happens only for the error message.
 */
/** A power of two, so the ring index is a mask. */
const CAPACITY = 16;

/**
 * How many callbacks before the step budget runs out recording starts: a few
 * times the ring, since not every callback is a task step. Until then nothing
 * is recorded, so the steps of a run that stays within its budget cost nothing.
 */
export const RECORDING_LEAD = 4 * CAPACITY;

export class RecentSteps {
  private readonly times: number[] = new Array(CAPACITY).fill(0);
  private readonly who: unknown[] = new Array(CAPACITY);
  private readonly what: unknown[] = new Array(CAPACITY);
  private written = 0;

  record(timeMs: number, who: unknown, what: unknown): void {
    const index = this.written & (CAPACITY - 1);
    this.times[index] = timeMs;
    this.who[index] = who;
    this.what[index] = what;
    this.written++;
  }

  /** Oldest first, one line each: `t=<ms> <who>: <what>`. */
  render(describe: (who: unknown, what: unknown) => string): string[] {
    const lines: string[] = [];
    const first = Math.max(0, this.written - CAPACITY);
    for (let n = first; n < this.written; n++) {
      const index = n % CAPACITY;
      lines.push(`t=${this.times[index]} ${describe(this.who[index], this.what[index])}`);
    }
    return lines;
  }
}
