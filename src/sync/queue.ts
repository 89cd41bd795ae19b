import type { Operation } from '../effects.js';
import { Future } from '../future.js';
import { Deque } from './deque.js';
import { QueueEmpty, QueueFull, QueueShutDown, ValueError } from './errors.js';
import { Event } from './event.js';
import { heapPop, heapPush, pythonLess, type LessThan } from './heap.js';
import { LoopBinding } from './loop-binding.js';

/**
 * A FIFO queue between tasks: asyncio's Queue. `put()` waits while the queue
 * is full (only when `maxsize` > 0), `get()` waits while it is empty; each
 * wakes the longest-waiting task on the other side. `taskDone()` and `join()`
 * count items through their processing.
 *
 * Wakeups are hints, not hand-offs: a woken getter rechecks the queue when it
 * resumes and waits again if another task took the item first. A woken task
 * that is cancelled before it resumes passes the wakeup on to the next in line.
 *
 * Subclasses change the order by overriding the storage hooks `initStorage`,
 * `putItem`, `getItem` and `storedCount`, as PriorityQueue and LifoQueue do.
 * `initStorage` runs inside the base constructor, so the fields it sets must
 * be `declare`d, not initialised.
 *
 * @example
 * const queue = new Queue<string>(1);
 * createTask((function* () { yield* queue.put('a'); yield* queue.put('b'); })());
 * const first = yield* queue.get(); // 'a'
 */
export class Queue<T> {
  private readonly maxsizeValue: number;
  /** Futures of tasks waiting in get(), oldest first; whoever wakes one removes it. */
  private readonly getters = new Deque<Future<void>>();
  /** Futures of tasks waiting in put(), oldest first; whoever wakes one removes it. */
  private readonly putters = new Deque<Future<void>>();
  private unfinishedTasks = 0;
  /** Set whenever no put item awaits its taskDone(). */
  private readonly finished = new Event();
  private isShutdown = false;
  private readonly binding = new LoopBinding(this);
  /**
   * The items of a FIFO queue; subclasses keep their own storage instead.
   * `declare`d, because initStorage sets it from the constructor and a field
   * initialiser would run after that and wipe it.
   */
  private declare fifo: Deque<T>;

  /** `maxsize` <= 0 means unbounded. */
  constructor(maxsize = 0) {
    this.maxsizeValue = maxsize;
    this.finished.set();
    this.initStorage(maxsize);
  }

  /** How many items the queue holds at most; 0 or less for no limit. */
  get maxsize(): number {
    return this.maxsizeValue;
  }

  /** How many items are in the queue. */
  qsize(): number {
    return this.storedCount();
  }

  empty(): boolean {
    return this.storedCount() === 0;
  }

  /** True when the queue holds maxsize items; never for an unbounded queue. */
  full(): boolean {
    return this.maxsizeValue > 0 && this.qsize() >= this.maxsizeValue;
  }

  /**
   * Puts `item`, first waiting while the queue is full. Throws QueueShutDown
   * if the queue is shut down before the item goes in.
   */
  *put(item: T): Operation<void> {
    this.binding.checkHost();
    while (this.full()) {
      if (this.isShutdown) throw new QueueShutDown();
      const putter = new Future<void>({ loop: this.binding.loop(), description: 'Queue.put()' });
      this.putters.push(putter);
      try {
        yield* putter;
      } catch (error) {
        this.giveUpWaiting(putter, this.putters, !this.full());
        throw error;
      }
    }
    this.putNowait(item);
  }

  /**
   * Puts `item` at once and wakes the first waiting getter. Throws
   * QueueShutDown after a shutdown, QueueFull when the queue is full.
   */
  putNowait(item: T): void {
    if (this.isShutdown) throw new QueueShutDown();
    if (this.full()) throw new QueueFull();
    this.putItem(item);
    this.unfinishedTasks++;
    this.finished.clear();
    this.wakeUpNext(this.getters);
  }

  /**
   * Takes the next item, first waiting while the queue is empty. Throws
   * QueueShutDown once the queue is shut down and empty.
   */
  *get(): Operation<T> {
    this.binding.checkHost();
    while (this.empty()) {
      if (this.isShutdown) throw new QueueShutDown();
      const getter = new Future<void>({ loop: this.binding.loop(), description: 'Queue.get()' });
      this.getters.push(getter);
      try {
        yield* getter;
      } catch (error) {
        this.giveUpWaiting(getter, this.getters, !this.empty());
        throw error;
      }
    }
    return this.getNowait();
  }

  /**
   * Takes the next item at once and wakes the first waiting putter. Throws
   * QueueShutDown if the queue is shut down and empty, QueueEmpty if it is
   * only empty.
   */
  getNowait(): T {
    if (this.empty()) {
      if (this.isShutdown) throw new QueueShutDown();
      throw new QueueEmpty();
    }
    const item = this.getItem();
    this.wakeUpNext(this.putters);
    return item;
  }

  /**
   * Says that one item taken from the queue has been processed; when every
   * item put has been, `join()` returns. Throws ValueError when called more
   * often than items were put.
   *
   * @example
   * const job = yield* queue.get();
   * try { yield* work(job); } finally { queue.taskDone(); }
   */
  taskDone(): void {
    if (this.unfinishedTasks <= 0) throw new ValueError('taskDone() called too many times');
    this.unfinishedTasks--;
    if (this.unfinishedTasks === 0) this.finished.set();
  }

  /**
   * Waits until every item ever put has been taken and marked done with
   * `taskDone()`; returns at once if that is already so.
   */
  *join(): Operation<void> {
    this.binding.checkHost();
    if (this.unfinishedTasks > 0) yield* this.finished.wait();
  }

  /**
   * Shuts the queue down: puts throw QueueShutDown from now on, and gets
   * throw it once the queue is empty. Every waiting put and get wakes to
   * recheck. With `immediate`, the items left are dropped (each counts as
   * done for `join()`), so gets throw at once.
   *
   * @example
   * queue.shutdown(true); // a consumer blocked in get() throws QueueShutDown
   */
  shutdown(immediate = false): void {
    this.isShutdown = true;
    if (immediate) {
      while (!this.empty()) {
        this.getItem();
        if (this.unfinishedTasks > 0) this.unfinishedTasks--;
      }
      if (this.unfinishedTasks === 0) this.finished.set();
    }
    // Getters before putters: every one of them rechecks and throws QueueShutDown.
    for (let getter = this.getters.shift(); getter !== undefined; getter = this.getters.shift()) {
      if (!getter.done()) getter.setResult(undefined);
    }
    for (let putter = this.putters.shift(); putter !== undefined; putter = this.putters.shift()) {
      if (!putter.done()) putter.setResult(undefined);
    }
  }

  toString(): string {
    let text = `${this.constructor.name} maxsize=${this.maxsizeValue}`;
    if (!this.empty()) text += ` qsize=${this.qsize()}`;
    if (this.getters.length > 0) text += ` getters[${this.getters.length}]`;
    if (this.putters.length > 0) text += ` putters[${this.putters.length}]`;
    if (this.unfinishedTasks > 0) text += ` tasks=${this.unfinishedTasks}`;
    if (this.isShutdown) text += ' shutdown';
    return text;
  }

  /** Storage hook: sets up the storage; called once, from the constructor. */
  protected initStorage(_maxsize: number): void {
    this.fifo = new Deque<T>();
  }

  /** Storage hook: adds an item; the queue is known not to be full. */
  protected putItem(item: T): void {
    this.fifo.push(item);
  }

  /** Storage hook: removes and returns the next item; the queue is known not to be empty. */
  protected getItem(): T {
    return this.fifo.shift() as T;
  }

  /** Storage hook: how many items are stored. */
  protected storedCount(): number {
    return this.fifo.length;
  }

  /**
   * A waiting put or get failed (it was cancelled, most likely). Its future
   * may have been woken already; if so, and the room or item it was woken for
   * is still there, the next waiter in line gets the wakeup instead.
   */
  private giveUpWaiting(waiter: Future<void>, waiters: Deque<Future<void>>, stillAvailable: boolean): void {
    waiter.cancel(); // in case it is still pending
    // A getNowait, putNowait or shutdown that woke it has already taken it off the list.
    waiters.remove(waiter);
    if (stillAvailable && !waiter.cancelled()) this.wakeUpNext(waiters);
  }

  /** Takes waiters off the front until one is still pending, and wakes that one. */
  private wakeUpNext(waiters: Deque<Future<void>>): void {
    for (let waiter = waiters.shift(); waiter !== undefined; waiter = waiters.shift()) {
      if (!waiter.done()) {
        waiter.setResult(undefined);
        return;
      }
    }
  }
}

/**
 * A Queue that hands out the least item first: asyncio's PriorityQueue, kept
 * as a binary heap with heapq's algorithm. Items compare with Python's `<`
 * (numbers, strings, arrays as tuples such as `[priority, data]`) unless a
 * `lessThan` is given.
 *
 * @example
 * const queue = new PriorityQueue<[number, string]>();
 * queue.putNowait([2, 'later']);
 * queue.putNowait([1, 'first']);
 * queue.getNowait(); // [1, 'first']
 */
export class PriorityQueue<T> extends Queue<T> {
  private declare heap: T[];
  private readonly lessThan: LessThan<T>;

  constructor(maxsize = 0, lessThan: LessThan<T> = pythonLess) {
    super(maxsize);
    this.lessThan = lessThan;
  }

  protected override initStorage(_maxsize: number): void {
    this.heap = [];
  }

  protected override putItem(item: T): void {
    heapPush(this.heap, item, this.lessThan);
  }

  protected override getItem(): T {
    return heapPop(this.heap, this.lessThan);
  }

  protected override storedCount(): number {
    return this.heap.length;
  }
}

/**
 * A Queue that hands out the most recently put item first: asyncio's LifoQueue.
 *
 * @example
 * const stack = new LifoQueue<number>();
 * stack.putNowait(1);
 * stack.putNowait(2);
 * stack.getNowait(); // 2
 */
export class LifoQueue<T> extends Queue<T> {
  private declare stack: T[];

  protected override initStorage(_maxsize: number): void {
    this.stack = [];
  }

  protected override putItem(item: T): void {
    this.stack.push(item);
  }

  protected override getItem(): T {
    return this.stack.pop() as T;
  }

  protected override storedCount(): number {
    return this.stack.length;
  }
}
