import { makeDurablePrefix } from './durable-prefix.js';
import type { Inode } from './inode.js';

/**
 * A change to the directory's names that is not durable yet, numbered in the
 * disk's order of changes. Each names the file it is about, so that a crash
 * that keeps some of them and loses others applies a kept one only where its
 * file is still there (see `canApply`).
 */
export type DirectoryChange =
  | { readonly kind: 'create'; readonly sequence: number; readonly name: string; readonly inode: Inode }
  | { readonly kind: 'rename'; readonly sequence: number; readonly from: string; readonly to: string; readonly inode: Inode }
  | { readonly kind: 'unlink'; readonly sequence: number; readonly name: string; readonly inode: Inode };

/**
 * A disk's one directory: the names reads see (`names`), the names that
 * survive a crash (`durable`), and the changes between the two, in order.
 * Invariant: `names` is `durable` with every pending change applied in order.
 */
export class Directory {
  readonly names = new Map<string, Inode>();
  durable = new Map<string, Inode>();
  pending: DirectoryChange[] = [];

  change(change: DirectoryChange): void {
    applyDirectoryChange(this.names, change);
    this.pending.push(change);
  }

  /** Makes durable, in order, the pending changes numbered before `sequence` (a directory fsync that started then). */
  makeDurable(sequence: number): number {
    return makeDurablePrefix(this.pending, sequence, (change) => applyDirectoryChange(this.durable, change));
  }

  /** After a crash or a wipe: `durable` is what is left, and reads see exactly that. */
  forget(durable: Map<string, Inode>): void {
    this.durable = durable;
    this.pending = [];
    this.names.clear();
    for (const [name, inode] of durable) this.names.set(name, inode);
  }

  /** The files on the disk: named now or durably, in creation order. */
  inodes(): Inode[] {
    const all = new Set<Inode>([...this.durable.values(), ...this.names.values()]);
    return [...all].sort((a, b) => a.id - b.id);
  }
}

/** Whether `change` makes sense on `names`: the name it creates is free, the file it moves or removes is there. */
export function canApply(names: ReadonlyMap<string, Inode>, change: DirectoryChange): boolean {
  if (change.kind === 'create') return !names.has(change.name);
  if (change.kind === 'rename') return names.get(change.from) === change.inode;
  return names.get(change.name) === change.inode;
}

/** Applies one change to a directory's names; a rename replaces whatever had the new name. */
export function applyDirectoryChange(names: Map<string, Inode>, change: DirectoryChange): void {
  if (change.kind === 'create') names.set(change.name, change.inode);
  else if (change.kind === 'rename') {
    names.delete(change.from);
    names.set(change.to, change.inode);
  } else names.delete(change.name);
}

/** A directory change as a trace shows it: `rename 'log.tmp' -> 'log'`. */
export function describeDirectoryChange(change: DirectoryChange): string {
  if (change.kind === 'rename') return `rename '${change.from}' -> '${change.to}'`;
  return `${change.kind} '${change.name}'`;
}
