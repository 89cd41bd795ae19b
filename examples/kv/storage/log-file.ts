// The replica's log on disk: its entries as records, one after another, in
// the file `log`. Recovery keeps the whole records from the start and cuts
// off the first damaged one and everything after it: a record torn by a
// crash, or zeros where a write that did not survive should have been. Only
// records that were never fsynced can be damaged, and a replica acknowledges
// an entry only once it is fsynced, so nothing acknowledged is cut.
import type { File, Operation } from '../../../src/index.js';
import type { LogEntry } from '../protocol.js';
import { decodeRecord, encodeRecord } from './codec.js';

/** The log: entries indexed from 1, each with the offset its record starts at. */
export class LogFile {
  /** Whether appends or cuts were made since the last fsync. */
  private dirty = false;

  private constructor(
    private readonly file: File,
    private readonly entries: LogEntry[],
    /** offsets[i]: where the record of entry i + 1 starts; one more at the end: where the next one goes. */
    private readonly offsets: number[],
  ) {}

  /** Reads the log and cuts off what follows its last whole record (fsynced, so the cut survives a crash). */
  static *recover(file: File): Operation<LogFile> {
    const bytes = yield* file.read(0, file.size());
    const entries: LogEntry[] = [];
    const offsets = [0];
    for (let record = decodeRecord(bytes, 0); record !== null; record = decodeRecord(bytes, record.end)) {
      entries.push(record.value as LogEntry);
      offsets.push(record.end);
    }
    const end = offsets[offsets.length - 1] as number;
    if (end < file.size()) {
      yield* file.truncate(end);
      yield* file.fsync();
    }
    return new LogFile(file, entries, offsets);
  }

  get lastIndex(): number {
    return this.entries.length;
  }

  /** The term of the entry at `index`; 0 for index 0 (before the first entry). */
  termAt(index: number): number {
    return index === 0 ? 0 : this.entry(index).term;
  }

  entry(index: number): LogEntry {
    const entry = this.entries[index - 1];
    if (entry === undefined) throw new RangeError(`the log has no entry ${index} (it has ${this.entries.length})`);
    return entry;
  }

  /** Up to `max` entries from `index` on. */
  slice(index: number, max: number): LogEntry[] {
    return this.entries.slice(index - 1, index - 1 + max);
  }

  /** Writes `entries` after the last one; durable only after `sync`. */
  *append(entries: readonly LogEntry[]): Operation<void> {
    if (entries.length === 0) return;
    const records = entries.map(encodeRecord);
    const bytes = new Uint8Array(records.reduce((total, record) => total + record.length, 0));
    let offset = 0;
    for (const record of records) {
      bytes.set(record, offset);
      offset += record.length;
    }
    const start = this.offsets[this.offsets.length - 1] as number;
    this.entries.push(...entries);
    for (const record of records) this.offsets.push((this.offsets[this.offsets.length - 1] as number) + record.length);
    this.dirty = true;
    yield* this.file.write(start, bytes);
  }

  /** Removes the entries from `index` on (a conflicting suffix); durable only after `sync`. */
  *truncateFrom(index: number): Operation<void> {
    if (index > this.entries.length) return;
    this.entries.length = index - 1;
    this.offsets.length = index;
    this.dirty = true;
    yield* this.file.truncate(this.offsets[index - 1] as number);
  }

  /** Makes every append and cut so far durable (nothing to do when there was none). */
  *sync(): Operation<void> {
    if (!this.dirty) return;
    this.dirty = false;
    yield* this.file.fsync();
  }
}
