// The replica's term and vote, which Raft must make durable before it
// answers a call in a new term or grants a vote. Two slots, written in turn,
// each record with its version: a write that a crash tears or loses damages
// only the slot it went to, and recovery takes the newest whole record.
import type { File, Operation } from '../../../src/index.js';
import { decodeRecord, encodeRecord } from './codec.js';

/** What Raft keeps durable besides the log: the latest term seen, and whom this replica voted for in it. */
export interface HardState {
  readonly term: number;
  readonly votedFor: string | null;
}

const SLOT_BYTES = 512;

interface VersionedState extends HardState {
  readonly version: number;
}

/** The file `vote`, with the version of its newest record. */
export class VoteRecord {
  private constructor(
    private readonly file: File,
    private version: number,
    private state: HardState,
  ) {}

  /** Reads the newest whole record of the two slots; a file with none is a replica that never voted (term 0). */
  static *recover(file: File): Operation<VoteRecord> {
    const bytes = yield* file.read(0, 2 * SLOT_BYTES);
    let newest: VersionedState = { version: 0, term: 0, votedFor: null };
    for (const slot of [0, 1]) {
      const record = decodeRecord(bytes.subarray(0, Math.min(bytes.length, (slot + 1) * SLOT_BYTES)), slot * SLOT_BYTES);
      const state = record?.value as VersionedState | undefined;
      if (state !== undefined && state.version > newest.version) newest = state;
    }
    return new VoteRecord(file, newest.version, { term: newest.term, votedFor: newest.votedFor });
  }

  get current(): HardState {
    return this.state;
  }

  /** Writes `state` to the older slot and fsyncs it: durable when this returns. */
  *save(state: HardState): Operation<void> {
    this.version++;
    const record = encodeRecord({ version: this.version, term: state.term, votedFor: state.votedFor });
    if (record.length > SLOT_BYTES) throw new RangeError(`a vote record of ${record.length} bytes does not fit its ${SLOT_BYTES}-byte slot`);
    this.state = state;
    yield* this.file.write((this.version % 2) * SLOT_BYTES, record);
    yield* this.file.fsync();
  }
}
