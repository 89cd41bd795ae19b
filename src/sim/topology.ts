import { RuntimeError } from '../errors.js';
import { Link, type LinkModel } from './link.js';

/**
 * The hosts of the network, by name and by number (their order of joining),
 * and the link of each ordered pair, made on first use, so a world of many
 * hosts pays only for the links it uses.
 */
export class Topology {
  private readonly indices = new Map<string, number>();
  private readonly names: string[] = [];
  /** links[from][to]. */
  private readonly links: Link[][] = [];

  constructor(private readonly model: LinkModel) {}

  /** A host joins. */
  add(name: string): void {
    this.indices.set(name, this.names.length);
    this.names.push(name);
    this.links.push([]);
  }

  get size(): number {
    return this.names.length;
  }

  nameOf(index: number): string {
    return this.names[index] as string;
  }

  /** The link from host number `from` to host number `to`. */
  link(from: number, to: number): Link {
    const row = this.links[from] as Link[];
    return row[to] ?? (row[to] = new Link(this.names[from] as string, this.names[to] as string, to, this.model));
  }

  /** The two links between hosts `a` and `b`; `operation` names the caller in errors. */
  pair(a: string, b: string, operation: string): [Link, Link] {
    const [i, j] = [this.indexOf(a, operation), this.indexOf(b, operation)];
    if (i === j) throw new RuntimeError(`${operation}(${JSON.stringify(a)}, ${JSON.stringify(b)}): a host's link to itself cannot be changed`);
    return [this.link(i, j), this.link(j, i)];
  }

  /** The number of host `name`; RuntimeError naming `operation` and the hosts there are when there is none. */
  indexOf(name: string, operation: string): number {
    const index = this.indices.get(name);
    if (index === undefined) throw new RuntimeError(`${operation}: unknown host ${JSON.stringify(name)} (the hosts are ${this.names.join(', ') || 'none yet'})`);
    return index;
  }

  /** Every link made so far. */
  *made(): Generator<Link> {
    for (const row of this.links) for (const link of row) if (link !== undefined) yield link;
  }
}
