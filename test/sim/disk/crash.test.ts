import { describe, expect, it } from 'vitest';
import { createTask, explore, getRunningLoop, Owner, RuntimeError, sleep, type DiskOptions, type File, type FileSystem, type Operation } from '../../../src/index.js';
import { bytes, testHost, text, worldTrace, type TestHost } from './harness.js';

/** One millisecond per operation, no slow I/O, no torn writes: the only disk choices are what a crash keeps. */
const QUIET: DiskOptions = { latencyMinMs: 1, latencyMeanMs: 1, blockSizeBytes: 4, slowProbability: 0, tornWriteProbability: 0 };

/** Runs `before` on host r1, crashes it, and reads every file back after a restart; returns the files, the world trace and the schedule taken. */
function crashAfter(before: (fs: FileSystem) => Operation<void>, schedule = 'v1;', options: DiskOptions = QUIET): { files: Record<string, string>; trace: string[] } {
  let files: Record<string, string> = {};
  const trace = worldTrace(function* () {
    const host = testHost('r1', options);
    yield* host.start(before);
    host.crash();
    files = yield* host.start(readAll);
  }, schedule);
  return { files, trace };
}

function* readAll(fs: FileSystem): Operation<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of yield* fs.list()) {
    const file = yield* fs.open(name);
    files[name] = text(yield* file.read(0, 1000));
  }
  return files;
}

/** Creates 'log' durably (name and bytes), then writes `pending` without an fsync. */
function durableLogThen(pending: (log: File) => Operation<void>) {
  return function* (fs: FileSystem): Operation<void> {
    const log = yield* fs.open('log', { create: true });
    yield* log.write(0, bytes('durable!'));
    yield* log.fsync();
    yield* fs.fsyncDirectory();
    yield* pending(log);
  };
}

describe('what a crash leaves: the last fsynced content, each pending change applied or not', () => {
  it('loses every pending write and directory change by default (choice 0)', () => {
    const { files, trace } = crashAfter(function* (fs) {
      yield* durableLogThen(function* (log) {
        yield* log.write(0, bytes('LOST'));
        yield* log.append(bytes('-lost'));
      })(fs);
      yield* fs.open('new', { create: true });
    });
    expect(files).toEqual({ log: 'durable!' });
    expect(trace.filter((line) => line.includes('disk-crash'))).toEqual([
      't=7 r1: disk-crash 1 directory change and 1 file pending',
      "t=7 r1: disk-crash create 'new' lost",
      "t=7 r1: disk-crash 'log' write [0, 4) lost",
      "t=7 r1: disk-crash 'log' write [8, 13) lost",
    ]);
  });

  it('keeps a pending write whole when the choice says so, in any order: a later write may survive an earlier lost one', () => {
    const { files, trace } = crashAfter(
      durableLogThen(function* (log) {
        yield* log.write(0, bytes('AAAA'));
        yield* log.write(4, bytes('BBBB'));
      }),
      'v2;disk=0,1',
    );
    expect(files).toEqual({ log: 'duraBBBB' });
    expect(trace.filter((line) => line.includes("'log' write"))).toEqual(["t=6 r1: disk-crash 'log' write [0, 4) lost", "t=6 r1: disk-crash 'log' write [4, 8) kept [fault]"]);
  });

  it('tears a pending write at a block boundary of the file (torn writes on)', () => {
    const options = { ...QUIET, tornWriteProbability: 0.5 };
    // Bytes [2, 13) touch blocks 0..3 of 4 bytes: lost, whole, or torn after 1, 2 or 3 blocks (choices 0..4).
    const outcome = (choice: number) =>
      crashAfter(
        durableLogThen(function* (log) {
          yield* log.write(2, bytes('abcdefghijk'));
        }),
        `v2;disk=${choice}`,
        options,
      );
    expect([0, 1, 2, 3, 4].map((choice) => outcome(choice).files['log'])).toEqual(['durable!', 'duabcdefghijk', 'duabble!', 'duabcdef', 'duabcdefghij']);
    expect(outcome(3).trace.at(-4)).toBe("t=5 r1: disk-crash 'log' write [2, 13) torn at byte 8 [fault]");
  });

  it('a write or truncate still in flight at the crash may reach the disk (the program never saw it end); other operations never happened', () => {
    const inFlight = (schedule: string) => {
      let files: Record<string, string> = {};
      const trace = worldTrace(function* () {
        const host = testHost('r1', QUIET);
        host.start(
          durableLogThen(function* (log) {
            createTask(log.truncate(4));
            yield* log.append(bytes('+more'));
          }),
        );
        yield* sleep(4.5); // the append and the truncate start at 4 and would end at 5
        host.crash();
        files = yield* host.start(readAll);
      }, schedule);
      return { files, trace: trace.filter((line) => line.includes('disk-crash')) };
    };
    expect(inFlight('v1;')).toEqual({
      files: { log: 'durable!' },
      trace: ['t=4.5 r1: disk-crash 0 directory changes and 1 file pending (with 2 writes in flight)', "t=4.5 r1: disk-crash 'log' write [8, 13) lost", "t=4.5 r1: disk-crash 'log' truncate to 4 lost"],
    });
    expect(inFlight('v2;disk=1,1').files).toEqual({ log: 'dura' });
    expect(inFlight('v2;disk=1').files).toEqual({ log: 'durable!+more' });
  });

  it('keeps or loses a pending truncate', () => {
    const truncated = (schedule: string) =>
      crashAfter(
        durableLogThen(function* (log) {
          yield* log.truncate(3);
        }),
        schedule,
      );
    expect([truncated('v1;').files['log'], truncated('v2;disk=1').files['log']]).toEqual(['durable!', 'dur']);
    expect(truncated('v2;disk=1').trace).toContain("t=5 r1: disk-crash 'log' truncate to 3 kept [fault]");
  });

  it('an fsync makes durable only what was written before it started, not a write that ended while it ran', () => {
    // The fsync takes latency bucket 1 (2 ms), the append bucket 0 (1 ms): the append ends first.
    const { files, trace } = crashAfter(
      function* (fs) {
        const log = yield* fs.open('log', { create: true });
        yield* fs.fsyncDirectory();
        yield* log.write(0, bytes('before'));
        const syncing = createTask(log.fsync());
        yield* sleep(0);
        yield* log.append(bytes('+during'));
        yield* syncing;
      },
      'v2;disk=0,0,0,1',
      { ...QUIET, latencyMeanMs: 2 },
    );
    expect(files).toEqual({ log: 'before' });
    expect(trace.slice(2, 6)).toEqual(["t=3 r1: disk-write 'log' [0, 6)", "t=4 r1: disk-append 'log' [6, 13)", "t=5 r1: disk-fsync 'log' 1 change durable", 't=5 r1: disk-crash 0 directory changes and 1 file pending']);
  });

  it('a fsynced file whose create was never made durable is gone; a rename without a directory fsync is lost, with one it is kept', () => {
    const saved = (fsyncDirectory: boolean) =>
      crashAfter(function* (fs) {
        const old = yield* fs.open('state', { create: true });
        yield* old.write(0, bytes('old'));
        yield* old.fsync();
        yield* fs.fsyncDirectory();
        const temporary = yield* fs.open('state.tmp', { create: true });
        yield* temporary.write(0, bytes('new'));
        yield* temporary.fsync();
        yield* fs.rename('state.tmp', 'state');
        if (fsyncDirectory) yield* fs.fsyncDirectory();
      });
    const without = saved(false);
    expect(without.files).toEqual({ state: 'old' });
    expect(without.trace.filter((line) => line.includes('disk-crash'))).toEqual([
      't=8 r1: disk-crash 2 directory changes and 0 files pending',
      "t=8 r1: disk-crash create 'state.tmp' lost",
      "t=8 r1: disk-crash rename 'state.tmp' -> 'state' lost with the change it needs",
    ]);
    expect(saved(true).files).toEqual({ state: 'new' });
  });

  it('a kept rename carries a kept create with it; a kept rename without its create cannot apply', () => {
    const renamed = (schedule: string) =>
      crashAfter(function* (fs) {
        const file = yield* fs.open('a', { create: true });
        yield* file.write(0, bytes('x'));
        yield* file.fsync();
        yield* fs.rename('a', 'b');
      }, schedule);
    expect(renamed('v2;disk=1,1').files).toEqual({ b: 'x' });
    expect(renamed('v2;disk=1').files).toEqual({ a: 'x' });
    expect(renamed('v2;disk=1').trace.filter((line) => line.includes('disk-crash'))).toEqual([
      't=4 r1: disk-crash 2 directory changes and 0 files pending',
      "t=4 r1: disk-crash create 'a' kept [fault]",
      "t=4 r1: disk-crash rename 'a' -> 'b' lost",
    ]);
  });

  it('with crash survival off (probability 0) a crash is no choice at all', () => {
    const result = explore(
      function* () {
        const host = testHost('r1', { ...QUIET, crashSurvivalProbability: 0 });
        yield* host.start(function* (fs) {
          const file = yield* fs.open('f', { create: true });
          yield* file.write(0, bytes('x'));
        });
        host.crash();
        if (host.disk.files().size !== 0) throw new Error('a pending create survived');
      },
      { runs: 20, seed: 1 },
    );
    expect(result.failure).toBeNull();
  });
});

describe('incarnations: a crash ends one, a restart mounts the disk afresh, a wipe erases it', () => {
  it('an operation through a crashed incarnation’s file or file system is a RuntimeError naming the host, the incarnation and the file', () => {
    let stale: { fs: FileSystem; file: File } | null = null;
    const errors: string[] = [];
    worldTrace(function* () {
      const host = testHost('r1', QUIET);
      yield* host.start(function* (fs) {
        stale = { fs, file: yield* fs.open('log', { create: true }) };
      });
      yield* sleep(5);
      host.crash();
      yield* host.start(function* () {
        for (const operation of [stale!.file.append(bytes('x')), stale!.fs.list()]) {
          try {
            yield* operation;
          } catch (error) {
            errors.push(`${(error as Error).name}: ${(error as Error).message}`);
          }
        }
      });
    });
    expect(errors).toEqual([
      "RuntimeError: append 'log': the file system of host r1, incarnation 1, is gone: that incarnation crashed at t=6; open the file again through the disk of the host's new incarnation",
      "RuntimeError: list: the file system of host r1, incarnation 1, is gone: that incarnation crashed at t=6; open the file again through the disk of the host's new incarnation",
    ]);
  });

  it('another host’s code may not use the disk; mount, crash and wipe refuse the wrong moment', () => {
    let error: unknown;
    worldTrace(function* () {
      const r1 = testHost('r1', QUIET);
      const r2 = testHost('r2', QUIET);
      let fs1: FileSystem | null = null;
      yield* r1.start(function* (fs) {
        fs1 = fs;
      });
      yield* r2.start(function* () {
        try {
          yield* fs1!.open('x', { create: true });
        } catch (caught) {
          error = caught;
        }
      });
      const loop = getRunningLoop();
      expect(() => r1.disk.mount(new Owner('r1#2', loop))).toThrow('mount the disk of host r1: incarnation 1 (r1) still has it; crash it first');
      expect(() => r1.disk.wipe()).toThrow('wipe the disk of host r1: it is mounted by r1; crash it first');
      expect(() => r1.disk.crash()).toThrow('crash the disk of host r1: abandon r1 first (loop.abandon), so none of its code runs after the crash');
      r1.crash();
      expect(() => r1.disk.crash()).toThrow('crash the disk of host r1: no incarnation has it mounted');
    });
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toBe("open 'x': code of host r2 used the disk of host r1 (incarnation 1); hosts share nothing but messages");
  });

  it('the disk outlives crashes: a restart reads what was durable; a wipe while down erases everything', () => {
    const trace = worldTrace(function* () {
      const host: TestHost = testHost('r1', QUIET);
      yield* host.start(function* (fs) {
        const file = yield* fs.open('kept', { create: true });
        yield* file.write(0, bytes('yes'));
        yield* file.fsync();
        yield* fs.fsyncDirectory();
      });
      host.crash();
      const before = yield* host.start(readAll);
      expect(before).toEqual({ kept: 'yes' });
      host.crash();
      host.disk.wipe();
      expect(yield* host.start(readAll)).toEqual({});
    });
    // Crashes with nothing pending change nothing, and say nothing.
    expect(trace.filter((line) => /crash|wipe/.test(line))).toEqual(['t=7 r1: disk-wipe 1 file erased']);
  });
});

describe('exploring what a crash keeps', () => {
  it('the exhaustive search with one fault finds a program that relies on pending writes surviving in order', () => {
    // A log without fsync whose reader assumes a later record implies the earlier ones: POSIX does not promise it.
    const main = function* () {
      const host = testHost('r1', QUIET);
      yield* host.start(function* (fs) {
        const log = yield* fs.open('log', { create: true });
        yield* fs.fsyncDirectory();
        yield* log.write(0, bytes('AAAA'));
        yield* log.write(4, bytes('BBBB'));
      });
      host.crash();
      const kept = text(host.disk.files().get('log')!);
      if (kept.includes('B') && !kept.startsWith('AAAA')) throw new Error(`B survived without A: ${JSON.stringify(kept)}`);
    };
    const result = explore(main, { policy: 'exhaustive', faults: 1 });
    expect(result.failure?.failure.message).toBe('B survived without A: "\\u0000\\u0000\\u0000\\u0000BBBB"');
    expect(result.failure?.shrunk.schedule).toBe('v2;disk=0,1');
    expect(explore(main, { policy: 'exhaustive' }).failure).toBeNull();
  });
});
