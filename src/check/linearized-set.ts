/**
 * The set of operations linearized so far, as a bitset with two extras:
 *
 * - a Zobrist hash (the xor of a fixed random key per member), updated in
 *   O(1) as members come and go, so the memo table never rehashes a set;
 * - a window, `[lo, end)`: every word before `lo` is all ones and every word
 *   from `end` on is zero. The search's sets are nearly a prefix of the
 *   operations in invocation order (everything before the frontier is
 *   linearized), so the memo table stores only the window, not the whole set.
 *   `lo` and `end` are canonical: equal sets have equal windows.
 */
export class LinearizedSet {
  readonly words: Uint32Array;
  /** The first word that is not all ones. */
  lo = 0;
  /** The last word that is not zero, or -1. */
  private hi = -1;
  hash = 0;
  private readonly keys: Int32Array;

  constructor(size: number) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(size / 32)));
    this.keys = zobristKeys(size);
  }

  /** The end of the window: from here on every word is zero. */
  get end(): number {
    return Math.max(this.lo, this.hi + 1);
  }

  has(id: number): boolean {
    return (this.words[id >>> 5]! & (1 << (id & 31))) !== 0;
  }

  add(id: number): void {
    const word = id >>> 5;
    const words = this.words;
    words[word] = words[word]! | (1 << (id & 31));
    this.hash ^= this.keys[id]!;
    if (word > this.hi) this.hi = word;
    if (word === this.lo) while (this.lo < words.length && words[this.lo] === 0xffffffff) this.lo++;
  }

  remove(id: number): void {
    const word = id >>> 5;
    const words = this.words;
    words[word] = words[word]! & ~(1 << (id & 31));
    this.hash ^= this.keys[id]!;
    if (word < this.lo) this.lo = word;
    if (word === this.hi) while (this.hi >= 0 && words[this.hi] === 0) this.hi--;
  }
}

/** One random 32-bit key per operation, from a fixed seed (splitmix32): the same on every machine. */
function zobristKeys(size: number): Int32Array {
  const keys = new Int32Array(size);
  let state = 0x5eed1e55;
  for (let i = 0; i < size; i++) {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    keys[i] = z ^ (z >>> 16);
  }
  return keys;
}
