/**
 * The binary timer heap of the two hand-written baselines, floor and bound: a
 * sleeping task is its own node, keyed (deadline, sequence), and knows its
 * index, so a cancelled sleep leaves in O(log n). Kept apart from simloop's
 * own heap on purpose: the baselines must not inherit the kernel's choices.
 * Each benchmark cell runs one implementation in its own process, so these
 * functions only ever see one kind of task there.
 */
export interface HeapTask {
  deadlineMs: number;
  sequence: number;
  /** Position in the heap while sleeping, -1 otherwise. */
  heapIndex: number;
}

export function heapPush<T extends HeapTask>(heap: T[], task: T): void {
  task.heapIndex = heap.length;
  heap.push(task);
  siftUp(heap, task.heapIndex);
}

export function heapRemove<T extends HeapTask>(heap: T[], task: T): void {
  const index = task.heapIndex;
  const last = heap.pop() as T;
  task.heapIndex = -1;
  if (last === task) return;
  heap[index] = last;
  last.heapIndex = index;
  siftDown(heap, index);
  siftUp(heap, last.heapIndex);
}

function siftUp<T extends HeapTask>(heap: T[], index: number): void {
  const task = heap[index] as T;
  while (index > 0) {
    const parentIndex = (index - 1) >> 1;
    const parent = heap[parentIndex] as T;
    if (!before(task, parent)) break;
    heap[index] = parent;
    parent.heapIndex = index;
    index = parentIndex;
  }
  heap[index] = task;
  task.heapIndex = index;
}

function siftDown<T extends HeapTask>(heap: T[], index: number): void {
  const length = heap.length;
  const task = heap[index] as T;
  for (;;) {
    const left = 2 * index + 1;
    if (left >= length) break;
    const right = left + 1;
    let child = left;
    if (right < length && before(heap[right] as T, heap[left] as T)) child = right;
    const smaller = heap[child] as T;
    if (!before(smaller, task)) break;
    heap[index] = smaller;
    smaller.heapIndex = index;
    index = child;
  }
  heap[index] = task;
  task.heapIndex = index;
}

function before(a: HeapTask, b: HeapTask): boolean {
  return a.deadlineMs < b.deadlineMs || (a.deadlineMs === b.deadlineMs && a.sequence < b.sequence);
}
