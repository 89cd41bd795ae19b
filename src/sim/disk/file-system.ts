import { sleep, type Operation, type SleepEffect } from '../../effects.js';
import { RuntimeError } from '../../errors.js';
import type { Owner } from '../../loop/owner.js';
import { describeDirectoryChange, type DirectoryChange } from './directory.js';
import type { Disk } from './disk.js';
import { DiskError } from './disk-error.js';
import { File } from './file.js';
import { checkName } from './arguments.js';
import type { FileChange, Inode } from './inode.js';
import { counted } from './words.js';

/** `write 'log'`, or `list` for an operation on no file: how errors and traces name an operation. */
function describe(syscall: string, path: string): string {
  return path === '' ? syscall : `${syscall} '${path}'`;
}

/** @internal A write or truncate under way: its file, and the change it makes once given its number. */
export interface InFlightChange {
  readonly inode: Inode;
  readonly change: (sequence: number) => FileChange;
}

/**
 * How `open` treats a name: `create` makes the file when there is none
 * (like O_CREAT); `exclusive` with it fails with EEXIST when there is one
 * (O_EXCL).
 *
 * @example
 * const log = yield* fs.open('log', { create: true });
 */
export interface OpenOptions {
  readonly create?: boolean;
  readonly exclusive?: boolean;
}

/**
 * One incarnation's view of its host's disk (`host.disk`): one directory of
 * files. Every operation is an effect that takes the disk's latency
 * (explored like a network's) and applies when it ends: a crash before that
 * and it never happened. A create, rename or unlink is visible at once but
 * durable only after `fsyncDirectory()`. Once the incarnation crashes, its
 * file system and files refuse every operation: the next incarnation mounts
 * the disk afresh.
 *
 * @example
 * function* save(fs: FileSystem, bytes: Uint8Array) {
 *   const file = yield* fs.open('state.tmp', { create: true });
 *   yield* file.write(0, bytes);
 *   yield* file.fsync();
 *   yield* fs.rename('state.tmp', 'state');
 *   yield* fs.fsyncDirectory(); // without it, a crash may bring back the old state
 * }
 */
export class FileSystem {
  private crashedAtMs: number | null = null;
  /**
   * @internal The writes and truncates whose latency has not ended, in the
   * order they started: at a crash they may still reach the disk (Disk.crash
   * makes them pending, and the crash decides each like any other).
   */
  readonly inFlight = new Set<InFlightChange>();

  /** @internal Made by Disk.mount. */
  constructor(
    /** @internal */
    readonly disk: Disk,
    /** The incarnation whose file system this is. */
    readonly owner: Owner,
    /** Which incarnation of the host, counting from 1. */
    readonly incarnation: number,
  ) {}

  /** The host whose disk this is. */
  get host(): string {
    return this.disk.host;
  }

  /** Opens the file `name`: ENOENT if there is none, unless `create`. */
  *open(name: string, options: OpenOptions = {}): Operation<File> {
    checkName('open', name);
    yield* this.latency('open', name);
    this.checkUsable('open', name);
    const directory = this.disk.directory;
    const existing = directory.names.get(name);
    if (existing !== undefined) {
      if (options.create === true && options.exclusive === true) throw new DiskError('EEXIST', 'open', name, this.host);
      if (this.disk.traced) this.disk.event('disk-open', `'${name}'`, false);
      return new File(this, existing, name);
    }
    if (options.create !== true) throw new DiskError('ENOENT', 'open', name, this.host);
    const inode = this.disk.newInode();
    this.changeDirectory({ kind: 'create', sequence: this.disk.sequence(), name, inode });
    return new File(this, inode, name);
  }

  /** Renames `from` to `to`, replacing any file named `to`: atomic, but durable only after fsyncDirectory. */
  *rename(from: string, to: string): Operation<void> {
    checkName('rename', from);
    checkName('rename', to);
    yield* this.latency('rename', from);
    this.checkUsable('rename', from);
    const inode = this.disk.directory.names.get(from);
    if (inode === undefined) throw new DiskError('ENOENT', 'rename', from, this.host, `to '${to}'`);
    if (from !== to) this.changeDirectory({ kind: 'rename', sequence: this.disk.sequence(), from, to, inode });
  }

  /** Removes the name `name`; files opened by it stay usable, and are gone at the next crash. */
  *unlink(name: string): Operation<void> {
    checkName('unlink', name);
    yield* this.latency('unlink', name);
    this.checkUsable('unlink', name);
    const inode = this.disk.directory.names.get(name);
    if (inode === undefined) throw new DiskError('ENOENT', 'unlink', name, this.host);
    this.changeDirectory({ kind: 'unlink', sequence: this.disk.sequence(), name, inode });
  }

  /** The names in the directory, sorted. */
  *list(): Operation<string[]> {
    yield* this.latency('list', '');
    this.checkUsable('list', '');
    const names = [...this.disk.directory.names.keys()].sort();
    if (this.disk.traced) this.disk.event('disk-list', counted(names.length, 'file'), false);
    return names;
  }

  /** Makes every create, rename and unlink done before it durable (fsync of the directory). */
  *fsyncDirectory(): Operation<void> {
    const sequence = this.disk.peekSequence();
    yield* this.latency('fsyncDirectory', '');
    this.checkUsable('fsyncDirectory', '');
    const count = this.disk.directory.makeDurable(sequence);
    if (this.disk.traced) this.disk.event('disk-fsync-directory', `${counted(count, 'change')} durable`, false);
  }

  /**
   * @internal The start of every operation: refuses it if this incarnation
   * has crashed or another host's code asks, and returns the sleep of the
   * disk's latency (a choice). The operation calls `checkUsable` again when
   * it wakes: a crash in the meantime leaves the host's own code asleep for
   * good, but a test's code would wake.
   */
  latency(syscall: string, path: string): SleepEffect<void> {
    this.checkUsable(syscall, path);
    const disk = this.disk;
    const bucket = disk.faults.chooseLatency();
    const latencyMs = disk.faults.latencyMs(bucket);
    if (disk.faults.isSlow(bucket)) disk.event('disk-slow', `${describe(syscall, path)} takes ${latencyMs} ms`, true);
    return sleep(latencyMs);
  }

  /** @internal Disk.crash: this file system is gone for good. */
  unmount(timeMs: number): void {
    this.crashedAtMs = timeMs;
  }

  /** @internal Refuses an operation of a crashed incarnation, or one that another host's code asks for. */
  checkUsable(syscall: string, path: string): void {
    if (this.crashedAtMs !== null) {
      throw new RuntimeError(
        `${describe(syscall, path)}: the file system of host ${this.host}, incarnation ${this.incarnation}, is gone: that incarnation crashed at t=${this.crashedAtMs}; open the file again through the disk of the host's new incarnation`,
      );
    }
    const current = this.disk.loop.currentOwner();
    if (current !== null && current !== this.owner) {
      throw new RuntimeError(`${describe(syscall, path)}: code of ${current.toString()} used the disk of host ${this.host} (incarnation ${this.incarnation}); hosts share nothing but messages`);
    }
  }

  private changeDirectory(change: DirectoryChange): void {
    this.disk.directory.change(change);
    if (this.disk.traced) this.disk.event(`disk-${change.kind}`, describeDirectoryChange(change).replace(/^\w+ /, ''), false);
  }
}
