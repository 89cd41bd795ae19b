/**
 * A file's bytes: a Uint8Array that grows by doubling, with its length apart
 * from its capacity. Bytes past the length are always zero, so growing the
 * file (a write past its end, a truncate that extends it) reads as zeros,
 * as a hole in a POSIX file does.
 */
export class ByteArray {
  private buffer: Uint8Array;
  private lengthValue: number;

  constructor(initial: Uint8Array = new Uint8Array(0)) {
    this.buffer = initial.slice();
    this.lengthValue = initial.length;
  }

  get length(): number {
    return this.lengthValue;
  }

  /** Writes `data` at `offset`, growing the array (with zeros between the old end and `offset`). */
  write(offset: number, data: Uint8Array): void {
    const end = offset + data.length;
    this.reserve(end);
    this.buffer.set(data, offset);
    if (end > this.lengthValue) this.lengthValue = end;
  }

  /** Cuts the array to `size` bytes or extends it with zeros. */
  truncate(size: number): void {
    if (size < this.lengthValue) this.buffer.fill(0, size, this.lengthValue);
    else this.reserve(size);
    this.lengthValue = size;
  }

  /** A copy of the bytes in [offset, offset + length), cut at the end of the array. */
  read(offset: number, length: number): Uint8Array {
    const end = Math.min(offset + length, this.lengthValue);
    return end <= offset ? new Uint8Array(0) : this.buffer.slice(offset, end);
  }

  /** The bytes, as a view (no copy): valid until the next change. */
  view(): Uint8Array {
    return this.buffer.subarray(0, this.lengthValue);
  }

  copy(): ByteArray {
    return new ByteArray(this.view());
  }

  private reserve(size: number): void {
    if (size <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(size, this.buffer.length * 2, 64));
    grown.set(this.buffer.subarray(0, this.lengthValue));
    this.buffer = grown;
  }
}
