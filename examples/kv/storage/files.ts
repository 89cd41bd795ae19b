// The part of a host's disk the replica uses: the shape of simloop's
// FileSystem and File (host.disk), so the storage code reads the same on a
// simulated disk and on a stand-in.
import type { Operation } from '../../../src/index.js';

/** A file of bytes: reads see writes at once; a write is durable only after `fsync`. */
export interface DataFile {
  write(offset: number, data: Uint8Array): Operation<void>;
  read(offset: number, length: number): Operation<Uint8Array>;
  size(): number;
  truncate(size: number): Operation<void>;
  fsync(): Operation<void>;
}

/** One directory of files: a new name is durable only after `fsyncDirectory`. */
export interface Directory {
  open(name: string, options?: { readonly create?: boolean }): Operation<DataFile>;
  fsyncDirectory(): Operation<void>;
}
