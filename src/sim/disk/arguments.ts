/**
 * The checks of what a program passes to the disk: a mistake throws at once
 * (TypeError or RangeError) naming the operation, the argument and the file.
 */

/** A file name: a non-empty string without '/' (a disk has one directory) or NUL. */
export function checkName(syscall: string, name: unknown): asserts name is string {
  if (typeof name !== 'string' || name === '' || name.includes('/') || name.includes('\0')) {
    throw new TypeError(`${syscall}: a file name must be a non-empty string without '/' or NUL (a disk has one directory), got ${describe(name)}`);
  }
}

/** An offset, size or length in bytes: a whole number ≥ 0. */
export function checkBytes(syscall: string, argument: string, path: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${syscall} '${path}': ${argument} must be a whole number of bytes ≥ 0, got ${describe(value)}`);
  }
}

/** The data of a write: a Uint8Array. */
export function checkData(syscall: string, path: string, data: unknown): asserts data is Uint8Array {
  if (!(data instanceof Uint8Array)) throw new TypeError(`${syscall} '${path}': data must be a Uint8Array, got ${describe(data)}`);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  const kind = (value as object).constructor?.name ?? 'Object';
  return `${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}`;
}
