// Properties of the simulated disk (src/sim/disk) over random programs of
// file operations and random answers to every disk choice: what a crash
// leaves is the last fsynced content with each pending change applied whole,
// as a whole-block prefix (torn writes on) or not at all, in order; a rename
// is lost at a crash without a directory fsync and kept with one; with
// faults off every read returns exactly what was written; and a recorded run
// replays to the same disk, byte for byte, and the same trace.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomChooser } from '../src/explore/choices/random.js';
import { RecordingPolicy } from '../src/explore/choices/recorder.js';
import { Prng } from '../src/explore/choices/prng.js';
import { worldOf } from '../src/explore/choices/streams.js';
import { WorldDraws } from '../src/explore/choices/world-draws.js';
import { createTask, DiskError, FaultAtlas, formatSchedule, Loop, replay, renderTrace, run, type DiskOptions, type File, type FileSystem, type Operation, type SchedulingPolicy, type TraceEvent } from '../src/index.js';
import { TestHost, testHost, worldLines } from '../test/sim/disk/harness.js';
import { propertyRuns } from './runs.js';

const SEED = 20_261_213;
const FILES = ['f0', 'f1', 'f2'] as const;

type DataOp =
  | { readonly op: 'write'; readonly file: number; readonly offset: number; readonly data: readonly number[] }
  | { readonly op: 'append'; readonly file: number; readonly data: readonly number[] }
  | { readonly op: 'truncate'; readonly file: number; readonly size: number }
  | { readonly op: 'fsync'; readonly file: number }
  | { readonly op: 'read'; readonly file: number; readonly offset: number; readonly length: number };

const fileIndex = fc.integer({ min: 0, max: FILES.length - 1 });
const data = fc.array(fc.integer({ min: 1, max: 255 }), { minLength: 1, maxLength: 12 });
const dataOp: fc.Arbitrary<DataOp> = fc.oneof(
  fc.record({ op: fc.constant('write' as const), file: fileIndex, offset: fc.nat(20), data }),
  fc.record({ op: fc.constant('append' as const), file: fileIndex, data }),
  fc.record({ op: fc.constant('truncate' as const), file: fileIndex, size: fc.nat(24) }),
  fc.record({ op: fc.constant('fsync' as const), file: fileIndex }),
  fc.record({ op: fc.constant('read' as const), file: fileIndex, offset: fc.nat(24), length: fc.nat(24) }),
);

/** Answers every disk choice from a list (modulo its count), every other one 0, and records the disk's. */
class ListPolicy implements SchedulingPolicy {
  readonly name = 'list';
  readonly taken: Array<{ kind: string; count: number; chosen: number }> = [];
  private next = 0;
  constructor(private readonly answers: readonly number[]) {}
  chooseReady = (): number => 0;
  chooseTimer = (): number => 0;
  chooseWorld(stream: string, kind: string, count: number): number {
    const chosen = (this.answers[this.next++ % Math.max(1, this.answers.length)] ?? 0) % count;
    if (stream === 'disk') this.taken.push({ kind, count, chosen });
    return chosen;
  }
  drawSwarm = (_name: string, min: number, max: number): number => (min + max) / 2;
}

/** The model of one file: durable bytes and the changes since its last fsync. */
interface ModelFile {
  durable: number[];
  content: number[];
  pending: DataOp[];
}

function applyTo(bytes: number[], op: DataOp, offset: number, cut = Infinity): void {
  if (op.op === 'truncate') {
    bytes.length = Math.min(bytes.length, op.size);
    while (bytes.length < op.size) bytes.push(0);
  } else if (op.op === 'write' || op.op === 'append') {
    const written = op.data.slice(0, Math.max(0, cut - offset));
    while (bytes.length < offset) bytes.push(0);
    written.forEach((byte, index) => (bytes[offset + index] = byte));
  }
}

/** Opens f0..f2 and makes their names durable. */
function* openAll(fs: FileSystem): Operation<File[]> {
  const files: File[] = [];
  for (const name of FILES) files.push(yield* fs.open(name, { create: true }));
  yield* fs.fsyncDirectory();
  return files;
}

/** Does `op` to `file`. */
function* perform(file: File, op: DataOp): Operation<void> {
  if (op.op === 'write') yield* file.write(op.offset, new Uint8Array(op.data));
  else if (op.op === 'append') yield* file.append(new Uint8Array(op.data));
  else if (op.op === 'truncate') yield* file.truncate(op.size);
  else if (op.op === 'fsync') yield* file.fsync();
  else yield* file.read(op.offset, op.length);
}

/** Runs `ops` in order on `files`; checks every read against the model; returns the model. */
function* runOps(files: readonly File[], ops: readonly DataOp[]): Operation<ModelFile[]> {
  const model: ModelFile[] = FILES.map(() => ({ durable: [], content: [], pending: [] }));
  for (let op of ops) {
    const file = files[op.file] as File;
    const state = model[op.file] as ModelFile;
    if (op.op === 'write') yield* file.write(op.offset, new Uint8Array(op.data));
    else if (op.op === 'append') {
      const at = yield* file.append(new Uint8Array(op.data));
      expect(at).toBe(state.content.length);
      op = { op: 'write', file: op.file, offset: at, data: op.data };
    } else if (op.op === 'truncate') yield* file.truncate(op.size);
    else if (op.op === 'fsync') {
      yield* file.fsync();
      for (const change of state.pending) applyTo(state.durable, change, change.op === 'write' ? change.offset : 0);
      state.pending = [];
      continue;
    } else {
      const read = [...(yield* file.read(op.offset, op.length))];
      expect(read).toEqual(state.content.slice(op.offset, op.offset + op.length));
      continue;
    }
    applyTo(state.content, op, op.op === 'write' ? op.offset : 0);
    state.pending.push(op);
  }
  return model;
}

const asText = (files: Map<string, Uint8Array>) => Object.fromEntries([...files].map(([name, bytes]) => [name, [...bytes]]));

describe('what a crash leaves of a disk', () => {
  it('each file: its last fsynced content, then each pending change in order whole, torn at a block boundary, or not at all, as its choice says', () => {
    const outcomesSeen = new Set<string>();
    fc.assert(
      fc.property(fc.array(dataOp, { maxLength: 25 }), fc.array(fc.nat(40), { maxLength: 60 }), fc.integer({ min: 1, max: 6 }), fc.boolean(), (ops, answers, blockSizeBytes, torn) => {
        const policy = new ListPolicy(answers);
        const loop = new Loop({ policy });
        const host = new TestHost(loop, 'r1', { blockSizeBytes, latencyMinMs: 1, latencyMeanMs: 3, tornWriteProbability: torn ? undefined : 0 });
        const task = host.start(function* (fs) {
          return yield* runOps(yield* openAll(fs), ops);
        });
        const model = loop.runUntilComplete(task);
        const before = policy.taken.length;
        host.crash();
        const outcomes = policy.taken.slice(before);
        const expected: Record<string, number[]> = {};
        FILES.forEach((name, index) => {
          const state = model[index] as ModelFile;
          const bytes = [...state.durable];
          for (const change of state.pending) {
            const outcome = outcomes.shift()!;
            if (change.op === 'truncate') {
              expect([outcome.kind, outcome.count]).toEqual(['crash-truncate', 2]);
              if (outcome.chosen === 1) applyTo(bytes, change, 0);
              continue;
            }
            if (change.op !== 'write') throw new Error('only writes and truncates are pending');
            const first = Math.floor(change.offset / blockSizeBytes);
            const blocks = Math.floor((change.offset + change.data.length - 1) / blockSizeBytes) - first + 1;
            expect([outcome.kind, outcome.count]).toEqual(['crash-write', torn && blocks > 1 ? blocks + 1 : 2]);
            outcomesSeen.add(outcome.chosen === 0 ? 'lost' : outcome.chosen === 1 ? 'whole' : 'torn');
            const cut = outcome.chosen <= 1 ? Infinity : (first + outcome.chosen - 1) * blockSizeBytes;
            if (outcome.chosen >= 1) applyTo(bytes, change, change.offset, cut);
          }
          expected[name] = bytes;
        });
        expect(outcomes).toEqual([]);
        expect(asText(host.disk.files())).toEqual(expected);
      }),
      { seed: SEED, numRuns: propertyRuns(300) },
    );
    expect([...outcomesSeen].sort()).toEqual(['lost', 'torn', 'whole']);
  });

  it('a rename is lost at a crash without a directory fsync (choice 0), and kept with one, whatever else is pending', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.nat(3), fc.nat(3), fc.array(fc.nat(1), { maxLength: 10 }), (fsyncDirectory, createdBefore, createdAfter, answers) => {
        const policy = new ListPolicy(answers);
        const loop = new Loop({ policy });
        const host = new TestHost(loop, 'r1', { latencyMinMs: 1, latencyMeanMs: 1 });
        const task = host.start(function* (fs) {
          const file = yield* fs.open('state.tmp', { create: true });
          yield* file.write(0, new Uint8Array([7]));
          yield* file.fsync();
          yield* fs.fsyncDirectory();
          for (let index = 0; index < createdBefore; index++) yield* fs.open(`before${index}`, { create: true });
          yield* fs.rename('state.tmp', 'state');
          if (fsyncDirectory) yield* fs.fsyncDirectory();
          for (let index = 0; index < createdAfter; index++) yield* fs.open(`after${index}`, { create: true });
        });
        loop.runUntilComplete(task);
        const before = policy.taken.length;
        host.crash();
        const pending = fsyncDirectory ? createdAfter : createdBefore + createdAfter + 1;
        expect(policy.taken.slice(before).map((each) => each.kind)).toEqual(Array(pending).fill('crash-directory'));
        const renameKept = fsyncDirectory || policy.taken[before + createdBefore]!.chosen === 1;
        const names = [...host.disk.files().keys()];
        expect(names.filter((name) => name.startsWith('state'))).toEqual([renameKept ? 'state' : 'state.tmp']);
        if (!fsyncDirectory && answers.every((answer) => answer === 0)) expect(names).toEqual(['state.tmp']);
      }),
      { seed: SEED, numRuns: propertyRuns(200) },
    );
  });
});

describe('with faults off nothing is corrupted', () => {
  it('two tasks’ reads and writes under random latencies and schedules read back exactly what was written', () => {
    fc.assert(
      fc.property(fc.array(dataOp, { maxLength: 30 }), fc.array(dataOp, { maxLength: 30 }), fc.nat(), (opsA, opsB, seed) => {
        const policy = new RecordingPolicy(new RandomChooser(new Prng(seed), 0, new WorldDraws(seed, 0)), null);
        const loop = new Loop({ policy });
        const host = new TestHost(loop, 'r1', { latencyMinMs: 1, latencyMeanMs: 4, blockSizeBytes: 4, readErrorProbability: 0, corruptionProbability: 0, misdirectedWriteProbability: 0 });
        // Task a works on f0 only, task b on f1 only: each file's model is sequential, while the tasks interleave.
        const onFile = (ops: DataOp[], file: number): DataOp[] => ops.map((op) => ({ ...op, file }));
        const task = host.start(function* (fs) {
          const files = yield* openAll(fs);
          const a = createTask(runOps(files, onFile(opsA, 0)));
          const b = createTask(runOps(files, onFile(opsB, 1)));
          return [(yield* a)[0]!, (yield* b)[1]!];
        });
        const [modelA, modelB] = loop.runUntilComplete(task);
        expect(asText(host.disk.files())).toEqual({ f0: modelA!.content, f1: modelB!.content, f2: [] });
      }),
      { seed: SEED, numRuns: propertyRuns(150) },
    );
  });
});

describe('a recorded run replays to the same disk', () => {
  const allFaults: DiskOptions = {
    blockSizeBytes: 4,
    latencyMinMs: 1,
    latencyMeanMs: 3,
    capacityBytes: 64,
  };

  interface Snapshot {
    files?: Map<string, Uint8Array>;
    /** Every read's bytes or error, in order. */
    reads: string[];
  }

  /** Runs `ops` on r1 with every fault on, crashes it, restarts it and reads every file back; what it read and what the disk holds go to `snapshot`. */
  const program = (ops: readonly DataOp[], snapshot: Snapshot) =>
    function* (): Operation<void> {
      const host = testHost('r1', allFaults, new FaultAtlas({ maxFaultyCopies: 1 }));
      yield* host.start(function* (fs) {
        const files = yield* openAll(fs);
        for (const op of ops) {
          try {
            if (op.op === 'read') snapshot.reads.push(String(yield* files[op.file]!.read(op.offset, op.length)));
            else yield* perform(files[op.file]!, op);
          } catch (error) {
            if (!(error instanceof DiskError)) throw error;
            snapshot.reads.push(error.message);
          }
        }
      });
      host.crash();
      yield* host.start(function* (fs) {
        for (const name of yield* fs.list()) {
          try {
            snapshot.reads.push(String(yield* (yield* fs.open(name)).read(0, 100)));
          } catch (error) {
            if (!(error instanceof DiskError)) throw error;
            snapshot.reads.push(error.message);
          }
        }
      });
      snapshot.files = host.disk.files();
    };

  it('byte for byte, with the same world trace, from the printed schedule line', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(dataOp, { maxLength: 25 }), fc.nat(), (ops, seed) => {
        const recorded: TraceEvent[] = [];
        const first: Snapshot = { reads: [] };
        const policy = new RecordingPolicy(new RandomChooser(new Prng(seed), 0, new WorldDraws(seed, 0)), null);
        run(program(ops, first)(), { policy, monitor: { worldEvent: (event) => recorded.push({ type: 'world', timeMs: 0, ...event }) } });
        const line = formatSchedule({ choices: policy.choices, world: worldOf(policy.streams.map((log) => log.choices)), cancel: null });
        const second: Snapshot = { reads: [] };
        const replayed = replay(program(ops, second), line);
        expect(replayed.schedule).toBe(line);
        expect(worldLines(replayed.trace).map((event) => event.replace(/^t=\S+ /, ''))).toEqual(renderTrace(recorded).map((event) => event.replace(/^t=\S+ /, '')));
        expect(second).toEqual(first);
        for (const line of worldLines(replayed.trace)) if (line.endsWith('[fault]')) seen.add(/: (disk-\S+)/.exec(line)![1]! + (line.includes('torn') ? ' torn' : ''));
      }),
      { seed: SEED, numRuns: propertyRuns(150) },
    );
    // The runs met every fault, so the property covers them all.
    expect([...seen].sort()).toEqual(['disk-corrupt', 'disk-crash', 'disk-crash torn', 'disk-eio', 'disk-enospc', 'disk-misdirect', 'disk-slow']);
  });
});
