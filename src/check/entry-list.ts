/**
 * Wing and Gong's list of call and return entries, ordered by time, as a
 * doubly linked list over typed arrays (dancing links): linearizing an
 * operation lifts its two entries out, backtracking puts them back in the
 * reverse order. Entry 0 is the head; `code[e]` is the operation of a call
 * entry, or `~operation` (negative) for a return.
 *
 * At equal times calls come before returns: intervals are closed, so
 * operations that touch are concurrent. An operation whose outcome is unknown
 * has no return entry: it may take effect at any instant after its call,
 * or never.
 */
export const HEAD = 0;
export const END = -1;

/** An operation as the list needs it: when it was called and, if it completed ok, when it returned. */
export interface TimedOperation {
  readonly invokeTime: number;
  /** Absent for an operation whose outcome is unknown: it stays open to the end. */
  readonly returnTime: number | undefined;
}

export class EntryList {
  readonly code: Int32Array;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly callEntry: Int32Array;
  private readonly returnEntry: Int32Array;

  constructor(operations: readonly TimedOperation[]) {
    const order = sortedEntries(operations);
    const size = order.length + 1;
    this.code = new Int32Array(size);
    this.next = new Int32Array(size);
    this.prev = new Int32Array(size);
    this.callEntry = new Int32Array(operations.length);
    this.returnEntry = new Int32Array(operations.length).fill(END);
    for (let i = 0; i < size; i++) {
      const entry = i;
      const code = i === 0 ? 0 : order[i - 1]!;
      this.code[entry] = code;
      this.prev[entry] = i - 1;
      this.next[entry] = i + 1 < size ? i + 1 : END;
      if (i > 0) {
        if (code >= 0) this.callEntry[code] = entry;
        else this.returnEntry[~code] = entry;
      }
    }
  }

  /** Takes operation `op`'s entries out of the list. */
  lift(op: number): void {
    this.unlink(this.callEntry[op]!);
    const ret = this.returnEntry[op]!;
    if (ret !== END) this.unlink(ret);
  }

  /** Puts back the entries `lift(op)` took out; lifts and unlifts must nest. */
  unlift(op: number): void {
    const ret = this.returnEntry[op]!;
    if (ret !== END) this.relink(ret);
    this.relink(this.callEntry[op]!);
  }

  private unlink(entry: number): void {
    const before = this.prev[entry]!;
    const after = this.next[entry]!;
    this.next[before] = after;
    if (after !== END) this.prev[after] = before;
  }

  private relink(entry: number): void {
    const after = this.next[entry]!;
    this.next[this.prev[entry]!] = entry;
    if (after !== END) this.prev[after] = entry;
  }
}

/** The entry codes sorted by (time, calls before returns, operation). */
function sortedEntries(operations: readonly TimedOperation[]): Int32Array {
  const codes: number[] = [];
  for (let op = 0; op < operations.length; op++) {
    codes.push(op);
    if (operations[op]!.returnTime !== undefined) codes.push(~op);
  }
  const timeOf = (code: number): number => (code >= 0 ? operations[code]!.invokeTime : operations[~code]!.returnTime!);
  codes.sort((a, b) => timeOf(a) - timeOf(b) || (a >= 0 ? 0 : 1) - (b >= 0 ? 0 : 1) || (a >= 0 ? a : ~a) - (b >= 0 ? b : ~b));
  return Int32Array.from(codes);
}
