import { ByteArray } from './byte-array.js';
import { makeDurablePrefix } from './durable-prefix.js';

/**
 * A change to a file's bytes that is not durable yet: a write or a truncate,
 * numbered in the disk's order of changes (an fsync makes durable those
 * numbered before it started).
 */
export type FileChange =
  | { readonly kind: 'write'; readonly sequence: number; readonly offset: number; readonly data: Uint8Array }
  | { readonly kind: 'truncate'; readonly sequence: number; readonly size: number };

/**
 * What is wrong with a block of a file's medium, until a write covers the
 * block again: `unreadable` (a latent sector error: reads fail with EIO),
 * `corrupt` (reads return garbage), `misdirected` (a misdirected write left
 * the wrong bytes there).
 */
export type BlockFault = 'unreadable' | 'corrupt' | 'misdirected';

/**
 * A file, apart from the names it has: what reads see (`content`), what
 * survives a crash (`durable`), and the changes between the two, in order.
 * Invariant: `content` is `durable` with every pending change applied in
 * order; only `change`, `makeDurable` and `forget` move them.
 */
export class Inode {
  readonly content = new ByteArray();
  durable = new ByteArray();
  pending: FileChange[] = [];
  /** The faulty blocks of this file, by block index. */
  readonly faults = new Map<number, BlockFault>();

  constructor(
    /** Unique on its disk, in creation order: traces and garbage bytes derive from it. */
    readonly id: number,
  ) {}

  /** Applies `change` to what reads see; it stays pending until an fsync. */
  change(change: FileChange): void {
    applyChange(this.content, change);
    this.pending.push(change);
  }

  /** Makes durable, in order, the pending changes numbered before `sequence` (an fsync that started then). */
  makeDurable(sequence: number): number {
    return makeDurablePrefix(this.pending, sequence, (change) => applyChange(this.durable, change));
  }

  /** After a crash: `durable` is what the crash left, and reads see exactly that. */
  forget(durable: ByteArray): void {
    this.durable = durable;
    this.pending = [];
    this.content.truncate(0);
    this.content.write(0, durable.view());
  }
}

/** Applies one change to a file's bytes. */
export function applyChange(bytes: ByteArray, change: FileChange): void {
  if (change.kind === 'write') bytes.write(change.offset, change.data);
  else bytes.truncate(change.size);
}
