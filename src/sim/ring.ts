/**
 * A first-in, first-out buffer that can also put an item back in front: a
 * circular array that doubles when full. Mailboxes keep their messages and
 * waiting receives in these; a steady flow of messages allocates nothing.
 */
export class Ring<T> {
  private items: Array<T | undefined> = new Array<T | undefined>(4);
  private head = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count) & (this.items.length - 1)] = item;
    this.count++;
  }

  /** Puts `item` in front of every other. */
  unshift(item: T): void {
    if (this.count === this.items.length) this.grow();
    this.head = (this.head - 1) & (this.items.length - 1);
    this.items[this.head] = item;
    this.count++;
  }

  /** Takes the first item; undefined when empty. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.count--;
    return item;
  }

  /** Removes the first occurrence of `item`; false when it is not there. */
  remove(item: T): boolean {
    const mask = this.items.length - 1;
    for (let offset = 0; offset < this.count; offset++) {
      if (this.items[(this.head + offset) & mask] !== item) continue;
      for (let next = offset + 1; next < this.count; next++) this.items[(this.head + next - 1) & mask] = this.items[(this.head + next) & mask];
      this.items[(this.head + this.count - 1) & mask] = undefined;
      this.count--;
      return true;
    }
    return false;
  }

  clear(): void {
    this.items.fill(undefined);
    this.head = 0;
    this.count = 0;
  }

  private grow(): void {
    const grown = new Array<T | undefined>(this.items.length * 2);
    for (let offset = 0; offset < this.count; offset++) grown[offset] = this.items[(this.head + offset) & (this.items.length - 1)];
    this.items = grown;
    this.head = 0;
  }
}
