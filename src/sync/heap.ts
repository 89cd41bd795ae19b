/**
 * A binary min-heap on a plain array, with the same sift steps as Python's
 * heapq, so that items that compare equal leave a PriorityQueue in the same
 * order as they would in CPython. Internal to PriorityQueue.
 */

/**
 * Strict "less than" between two items, as PriorityQueue takes it.
 *
 * @example
 * const byDeadline: LessThan<{ deadlineMs: number }> = (a, b) => a.deadlineMs < b.deadlineMs;
 */
export type LessThan<T> = (a: T, b: T) => boolean;

/**
 * Adds `item`, moving it up past every ancestor it is less than.
 *
 * @example
 * const heap: number[] = [];
 * heapPush(heap, 3, pythonLess);
 */
export function heapPush<T>(heap: T[], item: T, less: LessThan<T>): void {
  heap.push(item);
  siftTowardRoot(heap, 0, heap.length - 1, less);
}

/**
 * Removes and returns the least item; the heap must not be empty.
 *
 * @example
 * heapPop([1, 3, 2], pythonLess); // 1
 */
export function heapPop<T>(heap: T[], less: LessThan<T>): T {
  const last = heap.pop() as T;
  if (heap.length === 0) return last;
  const least = heap[0] as T;
  heap[0] = last;
  siftTowardLeaves(heap, 0, less);
  return least;
}

/** Moves heap[position] up until its parent is not greater, stopping at `top`. */
function siftTowardRoot<T>(heap: T[], top: number, position: number, less: LessThan<T>): void {
  const item = heap[position] as T;
  while (position > top) {
    const parentPosition = (position - 1) >> 1;
    const parent = heap[parentPosition] as T;
    if (!less(item, parent)) break;
    heap[position] = parent;
    position = parentPosition;
  }
  heap[position] = item;
}

/**
 * heapq's way of restoring the heap after the root was replaced: walk the
 * hole at `start` down to a leaf, always through the lesser child, then sift
 * the displaced item back up from there. Fewer comparisons than stopping
 * early, and it fixes which of two equal items comes out first.
 */
function siftTowardLeaves<T>(heap: T[], start: number, less: LessThan<T>): void {
  const end = heap.length;
  const item = heap[start] as T;
  let position = start;
  let child = 2 * position + 1;
  while (child < end) {
    const right = child + 1;
    if (right < end && !less(heap[child] as T, heap[right] as T)) child = right;
    heap[position] = heap[child] as T;
    position = child;
    child = 2 * position + 1;
  }
  heap[position] = item;
  siftTowardRoot(heap, start, position, less);
}

/**
 * Python's `<` for the values a PriorityQueue usually holds: numbers (and
 * booleans, which Python counts as 0 and 1), strings by code point, and
 * arrays as tuples (the first unequal items decide; else the shorter is less).
 * Anything else, or a number against a string, throws TypeError as Python does.
 *
 * @example
 * pythonLess([1, 'b'], [1, 'c']); // true
 */
export function pythonLess(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) return Number(a) < Number(b);
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b) < 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    const shorter = Math.min(a.length, b.length);
    for (let index = 0; index < shorter; index++) {
      if (!pythonEqual(a[index], b[index])) return pythonLess(a[index], b[index]);
    }
    return a.length < b.length;
  }
  throw new TypeError(`'<' not supported between ${describeType(a)} and ${describeType(b)}`);
}

/** Python's `==` for the same values; values of unlike kinds are simply unequal. */
function pythonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNumeric(a) && isNumeric(b)) return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => pythonEqual(item, b[index]));
  }
  return false;
}

function isNumeric(value: unknown): value is number | boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}

/** Orders strings by code point as Python does; JavaScript's `<` orders by UTF-16 unit. */
function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done === true || y.done === true) return (x.done === true ? 0 : 1) - (y.done === true ? 0 : 1);
    const difference = (x.value.codePointAt(0) as number) - (y.value.codePointAt(0) as number);
    if (difference !== 0) return difference;
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
