/**
 * The loop's ready queue: a FIFO of (callback, argument) pairs in a growable
 * ring buffer. Pushing and taking the front are O(1) and allocate nothing once
 * the ring has grown to the program's high-water mark, which is why the pair is
 * stored in two parallel arrays rather than as an object per entry. A large
 * ring that empties starts over small (no copy), so a burst of ready tasks
 * does not hold its memory for the rest of the run.
 */
export type ReadyCallback = ((argument: any) => void) & {
  /**
   * Set on the kernel's callbacks that step a task: which task this entry
   * steps, given its argument. Policies that reason about tasks (PCT) read it
   * through `loop.readyOwner`.
   */
  stepsTaskOf?: (argument: any) => unknown;
};

/** What stands in the place of an entry taken out by takeWhere: it does nothing. */
function skipEntry(): void {}

const INITIAL_CAPACITY = 64;
/** A ring at least this large starts over at INITIAL_CAPACITY when it empties; smaller ones keep their arrays. */
const RELEASE_CAPACITY = 1024;

export class ReadyQueue {
  private callbacks: Array<ReadyCallback | undefined> = new Array(INITIAL_CAPACITY);
  private argumentsOf: unknown[] = new Array(INITIAL_CAPACITY);
  private head = 0;
  private count = 0;
  private mask = INITIAL_CAPACITY - 1;

  get length(): number {
    return this.count;
  }

  push(callback: ReadyCallback, argument: unknown): void {
    if (this.count === this.mask + 1) this.resize((this.mask + 1) * 2);
    const index = (this.head + this.count) & this.mask;
    this.callbacks[index] = callback;
    this.argumentsOf[index] = argument;
    this.count++;
  }

  /** The callback at position `offset` from the front (0 is the front). */
  callbackAt(offset: number): ReadyCallback {
    return this.callbacks[(this.head + offset) & this.mask] as ReadyCallback;
  }

  argumentAt(offset: number): unknown {
    return this.argumentsOf[(this.head + offset) & this.mask];
  }

  /** Drops the front entry; the caller has read it with callbackAt(0) / argumentAt(0). */
  dropFront(): void {
    const index = this.head;
    this.callbacks[index] = undefined;
    this.argumentsOf[index] = undefined;
    this.head = (index + 1) & this.mask;
    if (--this.count === 0 && this.mask >= RELEASE_CAPACITY - 1) this.startOver();
  }

  /**
   * Moves the entry at `offset` to the front, keeping the others in order. Only
   * non-FIFO scheduling policies use it, so its O(offset) cost stays off the
   * default path.
   */
  moveToFront(offset: number): void {
    if (offset === 0) return;
    const mask = this.mask;
    let at = (this.head + offset) & mask;
    const callback = this.callbacks[at];
    const argument = this.argumentsOf[at];
    for (let i = offset; i > 0; i--) {
      const before = (at - 1) & mask;
      this.callbacks[at] = this.callbacks[before];
      this.argumentsOf[at] = this.argumentsOf[before];
      at = before;
    }
    this.callbacks[at] = callback;
    this.argumentsOf[at] = argument;
  }

  /**
   * Takes out every entry whose argument `matches`, in queue order, leaving a
   * no-op in its place: the queue's length, which a running iteration counts
   * down, does not change. For holding or dropping a host's entries (rare).
   */
  takeWhere(matches: (argument: unknown) => boolean): { callbacks: ReadyCallback[]; arguments: unknown[] } {
    const taken = { callbacks: [] as ReadyCallback[], arguments: [] as unknown[] };
    for (let offset = 0; offset < this.count; offset++) {
      const index = (this.head + offset) & this.mask;
      const argument = this.argumentsOf[index];
      if (this.callbacks[index] === skipEntry || !matches(argument)) continue;
      taken.callbacks.push(this.callbacks[index] as ReadyCallback);
      taken.arguments.push(argument);
      this.callbacks[index] = skipEntry;
      this.argumentsOf[index] = undefined;
    }
    return taken;
  }

  private startOver(): void {
    this.callbacks = new Array(INITIAL_CAPACITY);
    this.argumentsOf = new Array(INITIAL_CAPACITY);
    this.head = 0;
    this.mask = INITIAL_CAPACITY - 1;
  }

  private resize(capacity: number): void {
    const callbacks: Array<ReadyCallback | undefined> = new Array(capacity);
    const argumentsOf: unknown[] = new Array(capacity);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & this.mask;
      callbacks[i] = this.callbacks[from];
      argumentsOf[i] = this.argumentsOf[from];
    }
    this.callbacks = callbacks;
    this.argumentsOf = argumentsOf;
    this.head = 0;
    this.mask = capacity - 1;
  }
}
