/** `1 file`, `2 files`: a count and its noun, as the disk's trace lines say them. */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
