/**
 * Lowe's memo of the search: the (linearized set, model state) pairs already
 * reached. Reaching one again cannot lead anywhere new, so the search skips
 * it. An open-addressing table over typed arrays: per entry the combined hash,
 * the set's window (its words copied into one arena) and the state; the
 * memory it takes is counted against the check's budget.
 */
import type { LinearizedSet } from './linearized-set.js';

/** The bytes the memo tables of one check may take together; shared by its searches. */
export interface MemoryBudget {
  readonly limitBytes: number;
  usedBytes: number;
}

const ENTRY_BYTES = 4 * 4 + 8; // hash, lo, start, length; the state's reference

export class StateCache<State> {
  // Small at first: a kv history may have thousands of keys, each with a table, most of them tiny.
  private table = new Int32Array(64); // entry index + 1, 0 for an empty slot
  private hashes = new Int32Array(32);
  private lows = new Int32Array(32);
  private starts = new Int32Array(32);
  private lengths = new Int32Array(32);
  private readonly states: State[] = [];
  private arena = new Uint32Array(128);
  private arenaUsed = 0;
  size = 0;
  private countedBytes = 0;

  constructor(
    private readonly equal: (a: State, b: State) => boolean,
    private readonly budget: MemoryBudget,
  ) {
    this.count();
  }

  /** Records (set, state) and returns true, or returns false if it was already there. */
  add(set: LinearizedSet, state: State, stateHash: number): boolean {
    const hash = (set.hash ^ Math.imul(stateHash, 0x9e3779b1)) | 0;
    const mask = this.table.length - 1;
    let slot = spread(hash) & mask;
    for (let entry = this.table[slot]! - 1; entry >= 0; entry = this.table[slot]! - 1) {
      if (this.hashes[entry] === hash && this.sameSet(entry, set) && this.equal(this.states[entry]!, state)) return false;
      slot = (slot + 1) & mask;
    }
    this.insert(slot, hash, set, state);
    return true;
  }

  /** True once the memo tables of the check take more than its budget. */
  overBudget(): boolean {
    return this.budget.usedBytes > this.budget.limitBytes;
  }

  /** Frees the table's memory from the budget (the search is over). */
  release(): void {
    this.budget.usedBytes -= this.countedBytes;
    this.countedBytes = 0;
    this.table = new Int32Array(0);
    this.arena = new Uint32Array(0);
    this.states.length = 0;
  }

  private sameSet(entry: number, set: LinearizedSet): boolean {
    const lo = set.lo;
    const length = set.end - lo;
    if (this.lows[entry] !== lo || this.lengths[entry] !== length) return false;
    const start = this.starts[entry]!;
    const words = set.words;
    for (let i = 0; i < length; i++) if (this.arena[start + i] !== words[lo + i]) return false;
    return true;
  }

  private insert(slot: number, hash: number, set: LinearizedSet, state: State): void {
    const entry = this.size++;
    if (entry === this.hashes.length) this.growEntries();
    const lo = set.lo;
    const length = set.end - lo;
    if (this.arenaUsed + length > this.arena.length) this.arena = grown(this.arena, this.arenaUsed + length);
    const words = set.words;
    const arena = this.arena;
    for (let i = 0; i < length; i++) arena[this.arenaUsed + i] = words[lo + i]!;
    this.hashes[entry] = hash;
    this.lows[entry] = lo;
    this.lengths[entry] = length;
    this.starts[entry] = this.arenaUsed;
    this.arenaUsed += length;
    this.states.push(state);
    this.table[slot] = entry + 1;
    if (this.size * 2 > this.table.length) this.rehash();
    this.count();
  }

  private growEntries(): void {
    this.hashes = grown(this.hashes, this.size);
    this.lows = grown(this.lows, this.size);
    this.starts = grown(this.starts, this.size);
    this.lengths = grown(this.lengths, this.size);
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let entry = 0; entry < this.size; entry++) {
      let slot = spread(this.hashes[entry]!) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = entry + 1;
    }
    this.table = table;
  }

  /** What the table holds now, in bytes: its arrays' capacities, as allocated. */
  private count(): void {
    const bytes = this.table.length * 4 + this.hashes.length * ENTRY_BYTES + this.arena.length * 4;
    this.budget.usedBytes += bytes - this.countedBytes;
    this.countedBytes = bytes;
  }
}

function spread(hash: number): number {
  const h = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

function grown<T extends Int32Array | Uint32Array>(array: T, needed: number): T {
  let length = array.length * 2;
  while (length <= needed) length *= 2;
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  return copy;
}
