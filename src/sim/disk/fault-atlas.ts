import type { BlockFault } from './inode.js';

/** What the atlas asks of each disk it watches: whether its file `path` has a faulty `block` now. */
export interface AtlasMember {
  readonly host: string;
  faultAt(path: string, block: number): BlockFault | undefined;
}

/**
 * Keeps the disks' faults recoverable: at most `maxFaultyCopies` hosts may
 * hold a faulty copy (unreadable, corrupt or misdirected) of the same block
 * of the same file path at once, so a replicated system always has a good
 * copy left to repair from, and a test does not fail on damage that no
 * system could survive. By default that is a minority of the disks in the
 * atlas (⌊(n - 1) / 2⌋): none for a single host, whose only copy no system
 * could repair (TigerBeetle's rule for a one-replica cluster). TigerBeetle's
 * ClusterFaultAtlas and FoundationDB's protected addresses do the same. The
 * disks of one world share one atlas; a fault the atlas refuses is not a
 * choice point at all.
 *
 * @example
 * const atlas = new FaultAtlas(); // 3 replicas: at most one bad copy of any block
 * const disks = ['r1', 'r2', 'r3'].map((host) => new Disk(loop, host, {}, atlas));
 * new FaultAtlas({ maxFaultyCopies: 1 }); // a single host whose read faults the test wants to see
 */
export class FaultAtlas {
  private readonly members: AtlasMember[] = [];
  private readonly fixedMax: number | null;

  constructor(options: { readonly maxFaultyCopies?: number } = {}) {
    const maxFaultyCopies = options.maxFaultyCopies;
    if (maxFaultyCopies !== undefined && (!Number.isSafeInteger(maxFaultyCopies) || maxFaultyCopies < 0)) {
      throw new RangeError(`FaultAtlas: maxFaultyCopies must be a whole number ≥ 0, got ${String(maxFaultyCopies)}`);
    }
    this.fixedMax = maxFaultyCopies ?? null;
  }

  /** How many hosts may hold a faulty copy of one (path, block) at once: as given, or a minority of the disks in the atlas. */
  get maxFaultyCopies(): number {
    return this.fixedMax ?? Math.max(0, Math.floor((this.members.length - 1) / 2));
  }

  /** @internal A disk joins the atlas when it is made; two disks of one host name may not. */
  join(member: AtlasMember): void {
    if (this.members.some((each) => each.host === member.host)) throw new RangeError(`FaultAtlas: host ${member.host} has a disk in this atlas already`);
    this.members.push(member);
  }

  /** Whether `member` may get a new fault at `block` of `path`: it has one there already, or fewer than the bound do. */
  allows(member: AtlasMember, path: string, block: number): boolean {
    if (member.faultAt(path, block) !== undefined) return true;
    let faulty = 0;
    for (const each of this.members) if (each.faultAt(path, block) !== undefined) faulty++;
    return faulty < this.maxFaultyCopies;
  }
}
