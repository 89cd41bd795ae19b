import type { Disk } from './disk.js';
import { DiskError } from './disk-error.js';
import type { Inode } from './inode.js';

/**
 * Applies a write of `data` at `offset` when its effect ends: it may be
 * misdirected (a fault: it lands one block further on, and the blocks it
 * should have reached keep their old bytes), it fails with ENOSPC when the
 * disk has no room for it, and otherwise it is visible at once and pending
 * until an fsync. A write that covers a faulty block whole repairs it, as a
 * disk remaps a bad sector when it is written.
 */
export function writeBlocks(disk: Disk, inode: Inode, name: string, offset: number, data: Uint8Array, syscall: string): void {
  if (data.length === 0) return;
  const blockSize = disk.options.blockSizeBytes;
  let landing = offset;
  let misdirected: number[] = [];
  if (disk.faults.misdirectOn) {
    const blocks = blockRange(offset, data.length, blockSize);
    const shifted = blocks.map((block) => block + 1);
    if (disk.faults.shouldMisdirect(disk.nameOf(inode) ?? name, blocks, shifted)) {
      landing = offset + blockSize;
      misdirected = [...new Set([...blocks, ...shifted])];
      disk.event('disk-misdirect', `'${name}' [${offset}, ${offset + data.length}) landed at [${landing}, ${landing + data.length})`, true);
    }
  }
  const end = landing + data.length;
  if (!reserveSpace(disk, inode, end)) throw new DiskError('ENOSPC', syscall, name, disk.host, `${data.length} bytes at ${offset}`);
  repairCovered(inode, landing, end, blockSize);
  for (const block of misdirected) inode.faults.set(block, 'misdirected');
  inode.change({ kind: 'write', sequence: disk.sequence(), offset: landing, data });
  if (disk.traced) disk.event(`disk-${syscall}`, `'${name}' [${offset}, ${offset + data.length})`, false);
}

/** Whether the disk has room for `inode` to grow to `length` bytes; ENOSPC's event when it has not. */
export function reserveSpace(disk: Disk, inode: Inode, length: number): boolean {
  const capacityBytes = disk.options.capacityBytes;
  if (capacityBytes === Infinity) return true;
  const before = disk.blocksOf(Math.max(inode.content.length, inode.durable.length));
  const after = disk.blocksOf(Math.max(length, inode.content.length, inode.durable.length));
  const neededBytes = (disk.usedBlocks() - before + after) * disk.options.blockSizeBytes;
  if (neededBytes <= capacityBytes) return true;
  disk.event('disk-enospc', `needs ${neededBytes} of ${capacityBytes} bytes`, true);
  return false;
}

/** The indices of the blocks that bytes [offset, offset + length) touch; length > 0. */
export function blockRange(offset: number, length: number, blockSize: number): number[] {
  const first = Math.floor(offset / blockSize);
  const last = Math.floor((offset + length - 1) / blockSize);
  const blocks: number[] = [];
  for (let block = first; block <= last; block++) blocks.push(block);
  return blocks;
}

/** Clears the faults of the blocks that [start, end) covers whole (the file's last block: up to the new end). */
function repairCovered(inode: Inode, start: number, end: number, blockSize: number): void {
  if (inode.faults.size === 0) return;
  const length = Math.max(end, inode.content.length);
  for (const block of [...inode.faults.keys()]) {
    const blockStart = block * blockSize;
    const blockEnd = Math.min(blockStart + blockSize, length);
    if (start <= blockStart && end >= blockEnd) inode.faults.delete(block);
  }
}
