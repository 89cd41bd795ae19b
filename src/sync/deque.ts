/**
 * A double-ended queue with O(1) amortised `push`, `shift` and `pop`: the
 * collections.deque that asyncio keeps its waiters and queue items in. Only
 * what the primitives need, and internal to them.
 *
 * @example
 * const waiters = new Deque<string>();
 * waiters.push('a');
 * waiters.push('b');
 * waiters.shift(); // 'a'
 */
export class Deque<T> {
  private items: (T | undefined)[] = [];
  /** Index of the first item; the slots before it are spent. */
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** Removes and returns the first item; undefined when empty. */
  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head++;
    this.compact();
    return item;
  }

  /** Removes and returns the last item; undefined when empty. */
  pop(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.items.pop();
    this.compact();
    return item;
  }

  /** The first item without removing it; undefined when empty. */
  first(): T | undefined {
    return this.length === 0 ? undefined : this.items[this.head];
  }

  /** Removes the first occurrence of `item`; false when it is not there (where deque.remove raises). */
  remove(item: T): boolean {
    const index = this.items.indexOf(item, this.head);
    if (index < 0) return false;
    this.items.splice(index, 1);
    this.compact();
    return true;
  }

  some(predicate: (item: T) => boolean): boolean {
    for (const item of this) if (predicate(item)) return true;
    return false;
  }

  *[Symbol.iterator](): Generator<T, void, undefined> {
    for (let index = this.head; index < this.items.length; index++) yield this.items[index] as T;
  }

  /** Drops the spent slots once they are the larger half, so memory stays proportional to length. */
  private compact(): void {
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 32 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
