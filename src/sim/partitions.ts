import type { Link } from './link.js';

/**
 * A set of links cut together: one `world.partition(...)`, one
 * `world.partitionOneWay(...)`, or one random partition. It ends once.
 */
export class Cut {
  private endedValue = false;

  constructor(
    readonly links: readonly Link[],
    /** How the trace shows it: `{r1} | {r2, r3}`, `{r1} -/-> {r2}`. */
    readonly description: string,
    readonly random: boolean,
  ) {
    for (const link of links) link.cut();
  }

  get ended(): boolean {
    return this.endedValue;
  }

  end(): void {
    if (this.endedValue) return;
    this.endedValue = true;
    for (const link of this.links) link.uncut();
  }
}

/** The partitions in force, oldest first. */
export class Partitions {
  private cuts: Cut[] = [];

  add(cut: Cut): void {
    this.cuts.push(cut);
  }

  count(): number {
    return this.cuts.length;
  }

  /** The random partition in force, if any. */
  random(): Cut | null {
    return this.cuts.find((cut) => cut.random && !cut.ended) ?? null;
  }

  /** Ends `cut` (a random partition's time is up). */
  end(cut: Cut): void {
    cut.end();
    this.cuts = this.cuts.filter((each) => each !== cut);
  }

  /** Ends every partition; returns how many there were. */
  endAll(): number {
    const count = this.cuts.length;
    for (const cut of this.cuts) cut.end();
    this.cuts = [];
    return count;
  }
}

/** `{r1, r2}`: a group of hosts as the trace shows it. */
export function describeGroup(names: readonly string[]): string {
  return `{${names.join(', ')}}`;
}
