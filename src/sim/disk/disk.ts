import { assert, RuntimeError } from '../../errors.js';
import type { Loop } from '../../loop/loop.js';
import type { Owner } from '../../loop/owner.js';
import type { HostPart } from '../host.js';
import { crashDisk } from './crash.js';
import { Directory } from './directory.js';
import { DiskFaults } from './disk-faults.js';
import { FaultAtlas } from './fault-atlas.js';
import { FileSystem } from './file-system.js';
import { Inode, type BlockFault } from './inode.js';
import { resolveDiskOptions, type DiskOptions, type ResolvedDiskOptions } from './options.js';
import { swarmOnce } from './swarm.js';
import { counted } from './words.js';

/**
 * One host's disk: its files outlive the host's crashes and restarts, and
 * only what was made durable survives a crash. A write is pending until its
 * file is fsynced, and a create, rename or unlink until the directory is;
 * at a crash each pending change survives or is lost, independently and in
 * no promised order, every outcome a recorded choice (0: lost). The host's
 * code reaches the disk through the FileSystem of its incarnation
 * (`mount`); the world crashes that incarnation (`crash`) and may wipe the
 * disk while the host is down (`wipe`).
 *
 * @example
 * const disk = new Disk(loop, 'r1', { blockSizeBytes: 512 });
 * const owner = new Owner('r1', loop);
 * const fs = disk.mount(owner);
 * loop.withOwner(owner, () => new Task(service(fs), { loop, name: 'main' }));
 * loop.runFor(100);
 * loop.abandon(owner);
 * disk.crash(); // what was not fsynced is gone (or, when exploring, partly kept)
 */
export class Disk implements HostPart {
  /** The options with every default filled in. */
  readonly options: ResolvedDiskOptions;
  /** @internal */
  readonly directory = new Directory();
  /** @internal */
  readonly faults: DiskFaults;
  private fileSystem: FileSystem | null = null;
  private incarnations = 0;
  /** Who the trace says did what: the incarnation that mounts the disk now or did last (`r1`, `r1#2`), the host's name before any. */
  private label: string;
  private nextSequence = 0;
  private nextInodeId = 0;

  constructor(
    /** @internal */
    readonly loop: Loop,
    /** The host whose disk this is: errors and traces name it. */
    readonly host: string,
    options: DiskOptions = {},
    /** The atlas this disk shares with the other hosts' disks; its own by default. */
    atlas: FaultAtlas = new FaultAtlas(),
  ) {
    this.options = resolveDiskOptions(options, `the disk of host ${host}`);
    this.label = host;
    this.faults = new DiskFaults(loop.policy, this.options, atlas, this, (name, max) => swarmOnce(loop, name, max));
    atlas.join(this);
  }

  /** The file system a new incarnation of the host uses; refused while another incarnation's is live. */
  mount(owner: Owner): FileSystem {
    if (this.fileSystem !== null) {
      throw new RuntimeError(`mount the disk of host ${this.host}: incarnation ${this.incarnations} (${this.fileSystem.owner.name}) still has it; crash it first`);
    }
    this.fileSystem = new FileSystem(this, owner, ++this.incarnations);
    this.label = owner.name;
    return this.fileSystem;
  }

  /** @internal The world's hook (HostPart): each incarnation of the host mounts the disk as it boots. */
  boot(_incarnation: number, owner: Owner): void {
    this.mount(owner);
  }

  /** The file system of the incarnation up now, or null while the host is down. */
  mounted(): FileSystem | null {
    return this.fileSystem;
  }

  /**
   * A power cut: the incarnation's file system is gone (its files refuse
   * every operation), and each pending change survives or is lost (see
   * Disk). Call it after `loop.abandon(owner)`, so that none of the host's
   * code can run during or after it. Asserts that nothing is pending after.
   */
  crash(): void {
    const fileSystem = this.fileSystem;
    if (fileSystem === null) throw new RuntimeError(`crash the disk of host ${this.host}: no incarnation has it mounted`);
    if (fileSystem.owner.state !== 'abandoned') {
      throw new RuntimeError(`crash the disk of host ${this.host}: abandon ${fileSystem.owner.name} first (loop.abandon), so none of its code runs after the crash`);
    }
    fileSystem.unmount(this.loop.time());
    this.fileSystem = null;
    const inFlight = [...fileSystem.inFlight];
    fileSystem.inFlight.clear();
    for (const flight of inFlight) flight.inode.change(flight.change(this.sequence()));
    crashDisk(this, inFlight.length);
    this.checkCrashed();
  }

  /** Asserts what a crash leaves: no incarnation mounts the disk, and nothing is pending or in flight. */
  checkCrashed(): void {
    assert(this.fileSystem === null, `the disk of host ${this.host} is still mounted after the crash`);
    assert(this.directory.pending.length === 0, `the disk of host ${this.host} has directory changes pending after the crash`);
    for (const inode of this.directory.inodes()) {
      assert(inode.pending.length === 0, `the disk of host ${this.host} has changes to '${this.nameOf(inode)}' pending after the crash`);
    }
  }

  /** Erases every file, durable or not (FoundationDB's RebootAndDelete, TigerBeetle's reformat); only while the host is down. */
  wipe(): void {
    if (this.fileSystem !== null) throw new RuntimeError(`wipe the disk of host ${this.host}: it is mounted by ${this.fileSystem.owner.name}; crash it first`);
    const files = this.directory.inodes().length;
    this.directory.forget(new Map());
    this.event('disk-wipe', `${counted(files, 'file')} erased`, false, this.host);
  }

  /**
   * No fault from now on: every latency is the base one, no read or write
   * goes wrong, and a crash loses every pending change without a choice (the
   * world's liveness phase, after which the system must converge).
   */
  heal(): void {
    this.faults.heal();
  }

  /** Every file and its bytes as reads see them now, by name: for a test's assertions (copies). */
  files(): Map<string, Uint8Array> {
    const names = [...this.directory.names.keys()].sort();
    return new Map(names.map((name) => [name, (this.directory.names.get(name) as Inode).content.view().slice()]));
  }

  /** @internal For the atlas: the fault of `block` of the file named `path` now, if any. */
  faultAt(path: string, block: number): BlockFault | undefined {
    return this.directory.names.get(path)?.faults.get(block);
  }

  /** @internal The name `inode` has now, or null once unlinked: faults are counted by path across hosts. */
  nameOf(inode: Inode): string | null {
    for (const [name, each] of this.directory.names) if (each === inode) return name;
    return null;
  }

  /** @internal The next number in the disk's order of changes. */
  sequence(): number {
    return this.nextSequence++;
  }

  /** @internal The number the next change will get: an fsync makes durable the changes before it. */
  peekSequence(): number {
    return this.nextSequence;
  }

  /** @internal */
  newInode(): Inode {
    return new Inode(this.nextInodeId++);
  }

  /** @internal The blocks the disk's files take: each file as long as its longer version, reads' or durable. */
  usedBlocks(): number {
    let blocks = 0;
    for (const inode of this.directory.inodes()) blocks += this.blocksOf(Math.max(inode.content.length, inode.durable.length));
    return blocks;
  }

  /** @internal */
  blocksOf(bytes: number): number {
    return Math.ceil(bytes / this.options.blockSizeBytes);
  }

  /** @internal Tells the run's monitor, if it watches the world, as an event of the incarnation that mounts the disk (or did last). */
  event(action: string, detail: string, fault: boolean, host = this.label): void {
    this.loop.monitor?.worldEvent?.({ action, host, detail, fault });
  }

  /** @internal Whether anything watches: details are only built then. */
  get traced(): boolean {
    return this.loop.monitor?.worldEvent !== undefined;
  }
}
