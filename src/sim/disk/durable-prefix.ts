/**
 * What an fsync does to a list of pending changes: applies, in order, those
 * numbered before `sequence` (the changes made before the fsync started),
 * removes them from the list, and says how many there were. Changes made
 * while the fsync ran stay pending.
 */
export function makeDurablePrefix<Change extends { readonly sequence: number }>(pending: Change[], sequence: number, apply: (change: Change) => void): number {
  let count = 0;
  while (count < pending.length && (pending[count] as Change).sequence < sequence) apply(pending[count++] as Change);
  pending.splice(0, count);
  return count;
}
