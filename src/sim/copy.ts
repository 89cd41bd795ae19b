/**
 * Messages cross hosts as copies, with structured clone's semantics: the
 * receiver gets its own deep copy, so no mutable object is ever shared
 * between hosts, and a value that cannot be cloned (a function, a symbol) is
 * refused at the send. Plain objects and arrays, what messages are nearly
 * always made of, are copied here directly, which costs a fraction of
 * `structuredClone`; anything else (a Date, a Map, a typed array, a class
 * instance, which loses its prototype as structuredClone drops it) is handed
 * to `structuredClone`. Cycles and shared references are kept, as
 * structuredClone keeps them.
 */

/** What a copy has seen so far: each object copied and its copy, to keep shared references and cycles. */
class Seen {
  /** The first `size` slots are in use; the rest are empty (cleared, so they keep no message alive). */
  private readonly originals: Array<object | undefined> = [];
  private readonly copies: Array<object | undefined> = [];
  private size = 0;
  private map: Map<object, object> | null = null;

  copyOf(original: object): object | undefined {
    if (this.map !== null) return this.map.get(original);
    for (let index = 0; index < this.size; index++) if (this.originals[index] === original) return this.copies[index];
    return undefined;
  }

  add(original: object, copy: object): void {
    if (this.map !== null) {
      this.map.set(original, copy);
      return;
    }
    // A linear search is cheapest for the few objects of a typical message; a map beyond that.
    if (this.size === LINEAR_LIMIT) {
      this.map = new Map();
      for (let index = 0; index < this.size; index++) this.map.set(this.originals[index] as object, this.copies[index] as object);
      this.map.set(original, copy);
      return;
    }
    this.originals[this.size] = original;
    this.copies[this.size] = copy;
    this.size++;
  }

  clear(): void {
    for (let index = 0; index < this.size; index++) {
      this.originals[index] = undefined;
      this.copies[index] = undefined;
    }
    this.size = 0;
    this.map = null;
  }
}

const LINEAR_LIMIT = 32;

/** A value no copy can carry, found during a copy; the caller says where. */
class Uncloneable {
  constructor(
    readonly value: unknown,
    readonly why: string,
  ) {}
}

/** Reused by every copy, unless a copy starts inside another (a getter that sends). */
const shared = new Seen();
let sharedBusy = false;

/**
 * A deep copy of `value` with structured clone's semantics. Throws TypeError
 * when part of it cannot be cloned, naming that part (`message.handler is a
 * function`); `context` says who sent what to whom.
 *
 * @example
 * const copy = copyMessage({ op: 'put', keys: ['a'] }, 'r1 sent r2');
 */
export function copyMessage<T>(value: T, context: string): T {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'function' || typeof value === 'symbol') throw uncloneableError(value, value, context);
    return value;
  }
  const seen = sharedBusy ? new Seen() : shared;
  const owned = seen === shared;
  if (owned) sharedBusy = true;
  try {
    return copyValue(value, seen) as T;
  } catch (error) {
    if (error instanceof Uncloneable) throw uncloneableError(value, error.value, context, error.why);
    throw error;
  } finally {
    seen.clear();
    if (owned) sharedBusy = false;
  }
}

function copyValue(value: unknown, seen: Seen): unknown {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'function' || typeof value === 'symbol') throw new Uncloneable(value, '');
    return value;
  }
  const known = seen.copyOf(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) return copyArray(value, seen);
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype === Object.prototype || prototype === null) return copyPlainObject(value as Record<string, unknown>, seen);
  return cloneOther(value, seen);
}

function copyArray(array: readonly unknown[], seen: Seen): unknown[] {
  const copy: unknown[] = new Array(array.length);
  seen.add(array, copy);
  for (let index = 0; index < array.length; index++) {
    const item = array[index];
    // A hole stays a hole, as structuredClone keeps it.
    if (item !== undefined || index in array) copy[index] = copyValue(item, seen);
  }
  return copy;
}

function copyPlainObject(object: Record<string, unknown>, seen: Seen): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  seen.add(object, copy);
  for (const key in object) copy[key] = copyValue(object[key], seen);
  return copy;
}

type StructuredClone = (value: unknown) => unknown;

function cloneOther(value: object, seen: Seen): unknown {
  const clone = (globalThis as { structuredClone?: StructuredClone }).structuredClone;
  if (clone === undefined) throw new Uncloneable(value, 'this runtime has no structuredClone to copy it with');
  let copy: unknown;
  try {
    copy = clone(value);
  } catch (error) {
    throw new Uncloneable(value, `structuredClone refused it: ${error instanceof Error ? error.message : String(error)}`);
  }
  seen.add(value, copy as object);
  return copy;
}

/** The error for an uncloneable part, with the path from the message to it (found again, off the hot path). */
function uncloneableError(root: unknown, culprit: unknown, context: string, why = ''): TypeError {
  const path = pathTo(root, culprit) ?? 'part of the message';
  const what = typeof culprit === 'function' ? 'a function' : typeof culprit === 'symbol' ? 'a symbol' : `a ${kindOf(culprit)}`;
  const reason = why === '' ? '' : ` (${why})`;
  return new TypeError(
    `${context} a message that cannot be copied: ${path} is ${what}${reason}. Messages cross hosts as copies, as structuredClone makes them: ` +
      'plain data, no functions or symbols',
  );
}

function kindOf(value: unknown): string {
  if (value === null || typeof value !== 'object') return typeof value;
  return (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
}

/** `message.items[2].handler`: where `culprit` sits inside `root`, breadth first, or null. */
function pathTo(root: unknown, culprit: unknown): string | null {
  const queue: Array<[unknown, string]> = [[root, 'message']];
  const visited = new Set<unknown>();
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const [value, path] = next;
    if (value === culprit) return path;
    if (typeof value !== 'object' || value === null || visited.has(value)) continue;
    visited.add(value);
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (Array.isArray(value)) value.forEach((item, index) => queue.push([item, `${path}[${index}]`]));
    else if (prototype === Object.prototype || prototype === null) {
      for (const key in value) queue.push([(value as Record<string, unknown>)[key], `${path}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`]);
    }
  }
  return null;
}
