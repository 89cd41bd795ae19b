/**
 * The simulated world's storage: one disk per host, whose files outlive the
 * host's crashes, with what survives a crash, torn writes, latent read
 * errors, corruption, misdirected writes, ENOSPC and slow I/O as recorded
 * choices.
 */
export { Disk } from './disk.js';
export { FileSystem, type OpenOptions } from './file-system.js';
export { File } from './file.js';
export { FaultAtlas } from './fault-atlas.js';
export { DiskError, type DiskErrorCode } from './disk-error.js';
export type { DiskOptions } from './options.js';
