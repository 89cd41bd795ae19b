import type { Operation } from '../../effects.js';
import { checkBytes, checkData } from './arguments.js';
import { DiskError } from './disk-error.js';
import type { FileSystem, InFlightChange } from './file-system.js';
import type { Inode } from './inode.js';
import { readBlocks } from './read-blocks.js';
import { reserveSpace, writeBlocks } from './write-blocks.js';
import { counted } from './words.js';

/**
 * An open file of one incarnation. Writes and truncates are visible to
 * reads once their effect ends and durable once a later `fsync()` ends;
 * until then a crash may lose them, keep them, or (torn writes on) keep a
 * prefix of whole blocks. Its name is durable only after the directory's
 * fsync. After the incarnation crashes, every operation on it is a
 * RuntimeError.
 *
 * @example
 * const log = yield* fs.open('log', { create: true });
 * const at = yield* log.append(new TextEncoder().encode('x=1\n'));
 * yield* log.fsync(); // now the record survives a crash
 * const bytes = yield* log.read(at, 4);
 */
export class File {
  /** @internal Made by FileSystem.open. */
  constructor(
    private readonly fileSystem: FileSystem,
    /** @internal */
    readonly inode: Inode,
    /** The name it was opened by. */
    readonly name: string,
  ) {}

  /** Writes `data` at `offset` (past the end: the gap reads as zeros). */
  *write(offset: number, data: Uint8Array): Operation<void> {
    checkBytes('write', 'offset', this.name, offset);
    checkData('write', this.name, data);
    const copy = data.slice();
    yield* this.inFlight('write', { inode: this.inode, change: (sequence) => ({ kind: 'write', sequence, offset, data: copy }) });
    writeBlocks(this.fileSystem.disk, this.inode, this.name, offset, copy, 'write');
  }

  /** Writes `data` at the end of the file; returns the offset it was written at. */
  *append(data: Uint8Array): Operation<number> {
    checkData('append', this.name, data);
    const copy = data.slice();
    const inode = this.inode;
    yield* this.inFlight('append', { inode, change: (sequence) => ({ kind: 'write', sequence, offset: inode.content.length, data: copy }) });
    const offset = inode.content.length;
    writeBlocks(this.fileSystem.disk, inode, this.name, offset, copy, 'append');
    return offset;
  }

  /** Up to `length` bytes from `offset`: fewer at the end of the file. EIO if a block is unreadable. */
  *read(offset: number, length: number): Operation<Uint8Array> {
    checkBytes('read', 'offset', this.name, offset);
    checkBytes('read', 'length', this.name, length);
    yield* this.fileSystem.latency('read', this.name);
    this.fileSystem.checkUsable('read', this.name);
    return readBlocks(this.fileSystem.disk, this.inode, this.name, offset, length);
  }

  /** The file's size in bytes, as reads see it: a plain call, the size is in memory. */
  size(): number {
    return this.inode.content.length;
  }

  /** Cuts the file to `size` bytes, or extends it with zeros. */
  *truncate(size: number): Operation<void> {
    checkBytes('truncate', 'size', this.name, size);
    const disk = this.fileSystem.disk;
    const inode = this.inode;
    yield* this.inFlight('truncate', { inode, change: (sequence) => ({ kind: 'truncate', sequence, size }) });
    if (!reserveSpace(disk, inode, size)) throw new DiskError('ENOSPC', 'truncate', this.name, disk.host, `to ${size} bytes`);
    const firstGone = disk.blocksOf(size);
    for (const block of [...inode.faults.keys()]) if (block >= firstGone) inode.faults.delete(block);
    inode.change({ kind: 'truncate', sequence: disk.sequence(), size });
    if (disk.traced) disk.event('disk-truncate', `'${this.name}' to ${size} bytes`, false);
  }

  /** The latency of a write or truncate, during which a crash may still let it reach the disk (see FileSystem.inFlight). */
  private *inFlight(syscall: string, flight: InFlightChange): Operation<void> {
    const fileSystem = this.fileSystem;
    fileSystem.inFlight.add(flight);
    try {
      yield* fileSystem.latency(syscall, this.name);
    } finally {
      fileSystem.inFlight.delete(flight); // unless a crash abandons the task: then no finally runs, and the crash took the flight
    }
    fileSystem.checkUsable(syscall, this.name);
  }

  /** Makes every write and truncate of this file done before it durable (not its name: see fsyncDirectory). */
  *fsync(): Operation<void> {
    const disk = this.fileSystem.disk;
    const sequence = disk.peekSequence();
    yield* this.fileSystem.latency('fsync', this.name);
    this.fileSystem.checkUsable('fsync', this.name);
    const count = this.inode.makeDurable(sequence);
    if (disk.traced) disk.event('disk-fsync', `'${this.name}' ${counted(count, 'change')} durable`, false);
  }
}
