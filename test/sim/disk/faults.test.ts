import { describe, expect, it } from 'vitest';
import { RandomChooser } from '../../../src/explore/choices/random.js';
import { RecordingPolicy } from '../../../src/explore/choices/recorder.js';
import { WorldDraws } from '../../../src/explore/choices/world-draws.js';
import { DiskError, explore, FaultAtlas, getRunningLoop, Loop, Prng, replay, run, type DiskOptions, type FileSystem, type Operation } from '../../../src/index.js';
import { bytes, TestHost, testHost, text, worldLines, worldTrace } from './harness.js';

/** One millisecond per operation, no slow I/O, and only the faults a test turns on. */
const QUIET: DiskOptions = {
  latencyMinMs: 1,
  latencyMeanMs: 1,
  blockSizeBytes: 4,
  slowProbability: 0,
  readErrorProbability: 0,
  corruptionProbability: 0,
  misdirectedWriteProbability: 0,
};

/** Runs `body` on host r1 under `schedule`; what it returned (or the error it raised, as text) and the world trace. */
function onHost<T>(options: DiskOptions, schedule: string, body: (fs: FileSystem) => Operation<T>): { result: T | string; trace: string[] } {
  let result: T | string = '';
  const trace = worldTrace(function* () {
    const host = testHost('r1', options, new FaultAtlas({ maxFaultyCopies: 1 }));
    try {
      result = yield* host.start(body);
    } catch (error) {
      result = `${(error as Error).name}: ${(error as Error).message}`;
    }
  }, schedule);
  return { result, trace };
}

/** Makes 'f' with `content` and fsyncs it (name and bytes). */
function* makeFile(fs: FileSystem, content: string): Operation<import('../../../src/index.js').File> {
  const file = yield* fs.open('f', { create: true });
  yield* file.write(0, bytes(content));
  yield* file.fsync();
  yield* fs.fsyncDirectory();
  return file;
}

describe('latency: the minimum plus an exponential tail, explored as 8 buckets; slow I/O', () => {
  it('bucket k takes min + k·tail, the last bucket min + 8·tail; slow I/O adds slowLatencyMs and is a fault', () => {
    const options: DiskOptions = { latencyMinMs: 2, latencyMeanMs: 5, slowLatencyMs: 100 };
    const timeOfList = (bucket: number) =>
      onHost(options, `v2;disk=${bucket}`, function* (fs) {
        yield* fs.list();
        return getRunningLoop().time();
      });
    expect([0, 1, 2, 6, 7, 8].map((bucket) => timeOfList(bucket).result)).toEqual([2, 5, 8, 20, 26, 102]);
    expect(timeOfList(8).trace).toEqual(['t=0 r1: disk-slow list takes 102 ms [fault]', 't=102 r1: disk-list 0 files']);
  });

  it('no tail and slow I/O off: an operation is no choice point at all', () => {
    const result = explore(
      function* () {
        const host = testHost('r1', { ...QUIET, crashSurvivalProbability: 0 });
        yield* host.start(function* (fs) {
          yield* makeFile(fs, 'abcdefgh');
        });
      },
      { runs: 5, seed: 3 },
    );
    expect(result.failure).toBeNull();
    expect(replay(function* () {
      const host = testHost('r1', QUIET);
      yield* host.start(function* (fs) {
        yield* makeFile(fs, 'abcdefgh');
      });
    }, 'v2;disk=5,5,5').schedule).toBe('v1;');
  });
});

describe('latent read errors: a block read may turn out unreadable, and stays so until a write covers it', () => {
  it('fails the read with EIO naming the file and the block; other blocks read fine; a whole-block write repairs it', () => {
    const options = { ...QUIET, readErrorProbability: 0.1 };
    // Choices: the first read's blocks 0, 1 (unreadable), then block 2 is never reached; the read of block 0 alone: no fault.
    const { result, trace } = onHost(options, 'v2;disk=0,1', function* (fs) {
      const file = yield* makeFile(fs, 'aaaabbbbcccc');
      const outcomes: string[] = [];
      const attempt = function* (offset: number, length: number) {
        try {
          outcomes.push(text(yield* file.read(offset, length)));
        } catch (error) {
          outcomes.push(`${(error as DiskError).code} ${(error as Error).message}`);
        }
      };
      yield* attempt(0, 12);
      yield* attempt(4, 2);
      yield* attempt(0, 4);
      yield* file.write(5, bytes('XX'));
      yield* attempt(4, 4);
      yield* file.write(4, bytes('BBBB'));
      yield* attempt(0, 12);
      return outcomes;
    });
    expect(result).toEqual([
      "EIO EIO: input/output error, read 'f' on host r1 (block 1 is unreadable)",
      "EIO EIO: input/output error, read 'f' on host r1 (block 1 is unreadable)",
      'aaaa',
      "EIO EIO: input/output error, read 'f' on host r1 (block 1 is unreadable)",
      'aaaaBBBBcccc',
    ]);
    expect(trace.filter((line) => line.includes('fault'))).toEqual(["t=5 r1: disk-eio 'f' block 1 [4, 8) [fault]"]);
  });
});

describe('silent corruption: a block read may turn out corrupt, and reads as the same garbage until a write covers it', () => {
  it('returns garbage for that block only, the same on every read and in every replay; both read faults on: 1 unreadable, 2 corrupt', () => {
    const options = { ...QUIET, readErrorProbability: 0.1, corruptionProbability: 0.1 };
    const run = () =>
      onHost(options, 'v2;disk=0,2', function* (fs) {
        const file = yield* makeFile(fs, 'aaaabbbbcccc');
        const first = [...(yield* file.read(0, 12))];
        const part = [...(yield* file.read(6, 2))];
        yield* file.write(4, bytes('BBBB'));
        return { first, part, repaired: text(yield* file.read(0, 12)) };
      });
    const { result, trace } = run() as { result: { first: number[]; part: number[]; repaired: string }; trace: string[] };
    expect(text(new Uint8Array(result.first.slice(0, 4))) + text(new Uint8Array(result.first.slice(8)))).toBe('aaaacccc');
    const garbage = result.first.slice(4, 8);
    expect(garbage.every((byte) => byte !== 98)).toBe(true);
    expect(result.part).toEqual(garbage.slice(2));
    expect(result.repaired).toBe('aaaaBBBBcccc');
    expect(run().result).toEqual(result);
    expect(trace.filter((line) => line.includes('fault'))).toEqual(["t=5 r1: disk-corrupt 'f' block 1 [4, 8) [fault]"]);
  });
});

describe('misdirected writes: a write lands one block further on than asked', () => {
  it('leaves the intended blocks as they were and overwrites the next ones', () => {
    const options = { ...QUIET, misdirectedWriteProbability: 0.1 };
    const { result, trace } = onHost(options, 'v2;disk=0,1', function* (fs) {
      const file = yield* makeFile(fs, 'aaaabbbbcccc');
      yield* file.write(0, bytes('XXXX'));
      return text(yield* file.read(0, 12));
    });
    expect(result).toBe('aaaaXXXXcccc');
    expect(trace.filter((line) => line.includes('fault'))).toEqual(["t=5 r1: disk-misdirect 'f' [0, 4) landed at [4, 8) [fault]"]);
  });
});

describe('ENOSPC at the disk’s capacity, counted in whole blocks', () => {
  it('refuses a write or a truncate that needs more blocks than are left, and writes nothing of it', () => {
    const { result, trace } = onHost({ ...QUIET, capacityBytes: 8 }, 'v1;', function* (fs) {
      const file = yield* fs.open('f', { create: true });
      yield* file.write(0, bytes('abcdef'));
      const errors: string[] = [];
      for (const operation of [file.append(bytes('xyz')), file.truncate(9)]) {
        try {
          yield* operation;
        } catch (error) {
          errors.push((error as Error).message);
        }
      }
      yield* file.append(bytes('gh'));
      return [...errors, text(yield* file.read(0, 100))];
    });
    expect(result).toEqual(["ENOSPC: no space left on device, append 'f' on host r1 (3 bytes at 6)", "ENOSPC: no space left on device, truncate 'f' on host r1 (to 9 bytes)", 'abcdefgh']);
    expect(trace.filter((line) => line.includes('enospc'))).toEqual(['t=3 r1: disk-enospc needs 12 of 8 bytes [fault]', 't=4 r1: disk-enospc needs 12 of 8 bytes [fault]']);
  });
});

describe('the fault atlas: at most maxFaultyCopies hosts hold a faulty copy of one (file, block) at once', () => {
  /** Three hosts make the same file; each reads it in turn, every fault offered is taken; r1 then repairs block 0 and the others read again. */
  const faults = (maxFaultyCopies: number) =>
    worldTrace(function* () {
      const atlas = new FaultAtlas({ maxFaultyCopies });
      const hosts = ['r1', 'r2', 'r3'].map((name) => testHost(name, { ...QUIET, corruptionProbability: 0.1 }, atlas));
      const files = [];
      for (const host of hosts) files.push(yield* host.start((fs) => makeFile(fs, 'aaaabbbb')));
      for (const file of files) yield* file.read(0, 8);
      yield* files[0]!.write(0, bytes('AAAA'));
      for (const file of files.slice(1)) yield* file.read(0, 8);
    }, 'v2;disk=1x20').filter((line) => line.includes('fault'));

  it('offers no fault where the bound is reached, and offers it again once a write repairs a copy', () => {
    expect(faults(1)).toEqual([
      "t=13 r1: disk-corrupt 'f' block 0 [0, 4) [fault]",
      "t=13 r1: disk-corrupt 'f' block 1 [4, 8) [fault]",
      "t=17 r2: disk-corrupt 'f' block 0 [0, 4) [fault]",
    ]);
    expect(faults(2)).toEqual([
      "t=13 r1: disk-corrupt 'f' block 0 [0, 4) [fault]",
      "t=13 r1: disk-corrupt 'f' block 1 [4, 8) [fault]",
      "t=14 r2: disk-corrupt 'f' block 0 [0, 4) [fault]",
      "t=14 r2: disk-corrupt 'f' block 1 [4, 8) [fault]",
      "t=18 r3: disk-corrupt 'f' block 0 [0, 4) [fault]",
    ]);
  });

  it('checks its bound and refuses a second disk of one host', () => {
    expect(() => new FaultAtlas({ maxFaultyCopies: -1 })).toThrow('FaultAtlas: maxFaultyCopies must be a whole number ≥ 0, got -1');
    expect(() =>
      replay(function* () {
        const atlas = new FaultAtlas();
        testHost('r1', {}, atlas);
        testHost('r1', {}, atlas);
      }, 'v1;'),
    ).toThrow('FaultAtlas: host r1 has a disk in this atlas already');
  });
});

describe('defaults: every fault a swarm parameter of an explored run, none in a plain run, read faults only where a copy is left', () => {
  /** The kinds of disk choice points a run of `hosts` hosts with default options met, sharing one default atlas. */
  const choiceKinds = (hosts: number) => {
    const policy = new RecordingPolicy(new RandomChooser(new Prng(5), 0, new WorldDraws(5, 0)), null);
    const loop = new Loop({ policy });
    const atlas = new FaultAtlas();
    const testHosts = Array.from({ length: hosts }, (_, index) => new TestHost(loop, `r${index + 1}`, { blockSizeBytes: 4 }, atlas));
    const tasks = testHosts.map((host) =>
      host.start(function* (fs) {
        const file = yield* makeFile(fs, 'aaaabbbbcccc');
        yield* file.write(2, bytes('xxxxxx'));
        yield* file.read(0, 12);
      }),
    );
    for (const task of tasks) loop.runUntilComplete(task);
    for (const host of testHosts) host.crash();
    return { kinds: [...new Set(policy.streams[2]!.kinds)].sort(), swarm: Object.keys(policy.swarm) };
  };

  it('a single host gets latencies, slow I/O and what a crash keeps or tears, but no read fault or misdirected write: no one could repair its only copy', () => {
    expect(choiceKinds(1)).toEqual({
      kinds: ['crash-write', 'latency'],
      swarm: ['disk.slowProbability', 'disk.crashSurvivalProbability', 'disk.tornWriteProbability', 'disk.readErrorProbability', 'disk.corruptionProbability', 'disk.misdirectedWriteProbability'],
    });
  });

  it('three hosts sharing the default atlas get read faults and misdirected writes too, at most one bad copy of a block', () => {
    expect(choiceKinds(3).kinds).toEqual(['crash-write', 'latency', 'misdirect', 'read']);
    expect(new FaultAtlas().maxFaultyCopies).toBe(0);
  });

  it('a plain run makes no choice: the fault-free run, whatever the options', () => {
    let files: Map<string, Uint8Array> | null = null;
    run(
      (function* () {
        const host = testHost('r1', { readErrorProbability: 1, corruptionProbability: 1, misdirectedWriteProbability: 1, slowProbability: 1, crashSurvivalProbability: 1 }, new FaultAtlas({ maxFaultyCopies: 1 }));
        yield* host.start(function* (fs) {
          const file = yield* makeFile(fs, 'abcd');
          yield* file.append(bytes('efgh'));
          expect(text(yield* file.read(0, 8))).toBe('abcdefgh');
        });
        host.crash();
        files = host.disk.files();
        expect(getRunningLoop().time()).toBe(6);
      })(),
    );
    expect(files).toEqual(new Map([['f', bytes('abcd')]]));
  });
});

describe('heal: the liveness phase', () => {
  it('after disk.heal() no disk choice is asked: base latencies, good reads, every pending change lost at a crash', () => {
    const program = (heal: boolean) =>
      function* () {
        const host = testHost('r1', { blockSizeBytes: 4 }, new FaultAtlas({ maxFaultyCopies: 1 }));
        if (heal) host.disk.heal();
        yield* host.start(function* (fs) {
          const file = yield* makeFile(fs, 'aaaabbbb');
          yield* file.append(bytes('cccc'));
          yield* file.read(0, 12);
        });
        host.crash();
        return host.disk.files();
      };
    const unhealed = replay(program(false), 'v2;disk=1x40');
    expect(unhealed.schedule).toMatch(/^v2;disk=1x\d+$/);
    expect(worldLines(unhealed.trace).filter((line) => line.endsWith('[fault]')).length).toBeGreaterThan(0);
    const healed = replay(program(true), 'v2;disk=1x40');
    expect(healed.schedule).toBe('v1;');
    expect(worldLines(healed.trace).filter((line) => line.endsWith('[fault]'))).toEqual([]);
  });
});
