import { assert } from '../../errors.js';
import { applyDirectoryChange, canApply, describeDirectoryChange } from './directory.js';
import type { Disk } from './disk.js';
import { applyChange, type FileChange, type Inode } from './inode.js';
import type { ByteArray } from './byte-array.js';
import { counted } from './words.js';

/**
 * What a power cut leaves of a disk. First the directory: each pending
 * create, rename or unlink, in order, survives or is lost (a choice), where
 * it still makes sense (a rename whose file's create was lost is lost with
 * it). Then each file the surviving names reach, in name order: each of its
 * pending writes is lost, survives whole or (torn writes on) survives as a
 * prefix of whole blocks, and each pending truncate survives or is lost, all
 * on top of what its last fsync made durable. Files no name reaches are gone.
 * No order is promised: a later change may survive where an earlier one is
 * lost. A write or truncate still in flight (`inFlight` of them, made pending
 * by Disk.crash) counts as pending: the program never saw it end, but the
 * disk may have taken it. Afterwards reads see exactly what survived, and
 * nothing is pending (Disk.crash asserts it).
 */
export function crashDisk(disk: Disk, inFlight: number): void {
  const directory = disk.directory;
  const files = directory.inodes().filter((inode) => inode.pending.length > 0).length;
  const flying = inFlight === 0 ? '' : ` (with ${counted(inFlight, 'write')} in flight)`;
  if (directory.pending.length + files > 0) {
    disk.event('disk-crash', `${counted(directory.pending.length, 'directory change')} and ${counted(files, 'file')} pending${flying}`, false);
  }
  const names = new Map(directory.durable);
  for (const change of directory.pending) {
    const what = describeDirectoryChange(change);
    if (!canApply(names, change)) {
      disk.event('disk-crash', `${what} lost with the change it needs`, false);
      continue;
    }
    const kept = disk.faults.shouldSurviveCrash('crash-directory');
    disk.event('disk-crash', `${what} ${kept ? 'kept' : 'lost'}`, kept);
    if (kept) applyDirectoryChange(names, change);
  }
  const reached = new Set<Inode>();
  for (const name of [...names.keys()].sort()) {
    const inode = names.get(name) as Inode;
    assert(!reached.has(inode), `disk of host ${disk.host}: file #${inode.id} has two names after the crash`);
    reached.add(inode);
    for (const change of inode.pending) crashChange(disk, name, inode.durable, change);
    inode.forget(inode.durable);
  }
  directory.forget(names);
}

/** One pending change of the file `name` at the crash: applied to `durable` whole, in part, or not at all. */
function crashChange(disk: Disk, name: string, durable: ByteArray, change: FileChange): void {
  if (change.kind === 'truncate') {
    const kept = disk.faults.shouldSurviveCrash('crash-truncate');
    if (disk.traced) disk.event('disk-crash', `'${name}' truncate to ${change.size} ${kept ? 'kept' : 'lost'}`, kept);
    if (kept) applyChange(durable, change);
    return;
  }
  const blockSize = disk.options.blockSizeBytes;
  const start = change.offset;
  const end = start + change.data.length;
  const firstBlock = Math.floor(start / blockSize);
  const outcome = disk.faults.crashWriteOutcome(Math.floor((end - 1) / blockSize) - firstBlock + 1);
  const tornAt = outcome < 2 ? end : (firstBlock + outcome - 1) * blockSize;
  if (outcome === 1) durable.write(start, change.data);
  else if (outcome > 1) durable.write(start, change.data.subarray(0, tornAt - start));
  if (disk.traced) {
    const what = outcome === 0 ? 'lost' : outcome === 1 ? 'kept' : `torn at byte ${tornAt}`;
    disk.event('disk-crash', `'${name}' write [${start}, ${end}) ${what}`, outcome !== 0);
  }
}
