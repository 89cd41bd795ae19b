import type { Disk } from './disk.js';
import { DiskError } from './disk-error.js';
import { fillWithGarbage } from './garbage.js';
import type { Inode } from './inode.js';
import { blockRange } from './write-blocks.js';

/**
 * Applies a read of up to `length` bytes at `offset` when its effect ends.
 * Each block it touches may turn out faulty (a choice, when read faults are
 * on and the atlas allows one there), and stays so until a write covers it:
 * an unreadable block fails the read with EIO, a corrupt one reads as
 * garbage.
 */
export function readBlocks(disk: Disk, inode: Inode, name: string, offset: number, length: number): Uint8Array {
  const bytes = inode.content.read(offset, length);
  const findsNew = disk.faults.readFaultsOn;
  if (bytes.length > 0 && (findsNew || inode.faults.size > 0)) {
    const blockSize = disk.options.blockSizeBytes;
    const path = findsNew ? (disk.nameOf(inode) ?? name) : name;
    for (const block of blockRange(offset, bytes.length, blockSize)) {
      let fault = inode.faults.get(block);
      if (fault === undefined && findsNew) {
        fault = disk.faults.readFault(path, block);
        if (fault !== undefined) {
          inode.faults.set(block, fault);
          disk.event(fault === 'unreadable' ? 'disk-eio' : 'disk-corrupt', `'${name}' block ${block} [${block * blockSize}, ${(block + 1) * blockSize})`, true);
        }
      }
      if (fault === 'unreadable') throw new DiskError('EIO', 'read', name, disk.host, `block ${block} is unreadable`);
      if (fault === 'corrupt') {
        const start = Math.max(block * blockSize, offset);
        const end = Math.min((block + 1) * blockSize, offset + bytes.length);
        fillWithGarbage(bytes.subarray(start - offset, end - offset), inode.id, block, start - block * blockSize);
      }
    }
  }
  if (disk.traced) disk.event('disk-read', `'${name}' [${offset}, ${offset + bytes.length})`, false);
  return bytes;
}
