import { describe, expect, it } from 'vitest';
import { DiskError, getRunningLoop, type FileSystem, type Operation } from '../../../src/index.js';
import { bytes, testHost, text, worldTrace } from './harness.js';

/** Runs `body` on host r1 (1 ms per operation, no latency tail) and returns what it returned, with the world trace. */
function onHost<T>(body: (fs: FileSystem) => Operation<T>): { result: T; trace: string[] } {
  let result: T | undefined;
  const trace = worldTrace(function* () {
    const host = testHost('r1', { latencyMinMs: 1, latencyMeanMs: 1 });
    result = yield* host.start(body);
  });
  return { result: result as T, trace };
}

describe('a disk’s operations, each an effect that takes the disk’s latency', () => {
  it('create, write, append, read, size: visible to reads once each effect ends', () => {
    const { result, trace } = onHost(function* (fs) {
      const log = yield* fs.open('log', { create: true });
      yield* log.write(0, bytes('hello'));
      const at = yield* log.append(bytes(' world'));
      const whole = text(yield* log.read(0, 100));
      const part = text(yield* log.read(6, 3));
      const past = (yield* log.read(50, 10)).length;
      return { at, whole, part, past, size: log.size(), time: getRunningLoop().time() };
    });
    expect(result).toEqual({ at: 5, whole: 'hello world', part: 'wor', past: 0, size: 11, time: 6 });
    expect(trace).toEqual([
      "t=1 r1: disk-create 'log'",
      "t=2 r1: disk-write 'log' [0, 5)",
      "t=3 r1: disk-append 'log' [5, 11)",
      "t=4 r1: disk-read 'log' [0, 11)",
      "t=5 r1: disk-read 'log' [6, 9)",
      "t=6 r1: disk-read 'log' [50, 50)",
    ]);
  });

  it('a write past the end leaves a hole of zeros; truncate cuts or extends with zeros', () => {
    const { result, trace } = onHost(function* (fs) {
      const file = yield* fs.open('data', { create: true });
      yield* file.write(3, bytes('ab'));
      const holed = [...(yield* file.read(0, 10))];
      yield* file.truncate(4);
      const cut = [...(yield* file.read(0, 10))];
      yield* file.truncate(6);
      return { holed, cut, extended: [...(yield* file.read(0, 10))] };
    });
    expect(result).toEqual({ holed: [0, 0, 0, 97, 98], cut: [0, 0, 0, 97], extended: [0, 0, 0, 97, 0, 0] });
    expect(trace.filter((line) => line.includes('truncate'))).toEqual(["t=4 r1: disk-truncate 'data' to 4 bytes", "t=6 r1: disk-truncate 'data' to 6 bytes"]);
  });

  it('fsync and fsyncDirectory say how many changes they made durable', () => {
    const { trace } = onHost(function* (fs) {
      const log = yield* fs.open('log', { create: true });
      yield* log.append(bytes('a'));
      yield* log.append(bytes('b'));
      yield* log.fsync();
      yield* log.fsync();
      yield* fs.fsyncDirectory();
    });
    expect(trace.slice(3)).toEqual(["t=4 r1: disk-fsync 'log' 2 changes durable", "t=5 r1: disk-fsync 'log' 0 changes durable", 't=6 r1: disk-fsync-directory 1 change durable']);
  });

  it('rename replaces the target; unlink removes the name while an open file stays usable; list is sorted', () => {
    const { result, trace } = onHost(function* (fs) {
      const b = yield* fs.open('b', { create: true });
      yield* b.write(0, bytes('old'));
      const a = yield* fs.open('a.tmp', { create: true });
      yield* a.write(0, bytes('new'));
      yield* fs.rename('a.tmp', 'b');
      const afterRename = yield* fs.list();
      const reopened = text(yield* (yield* fs.open('b')).read(0, 3));
      yield* fs.unlink('b');
      yield* a.append(bytes('!'));
      return { afterRename, reopened, afterUnlink: yield* fs.list(), stillOpen: text(yield* a.read(0, 10)) };
    });
    expect(result).toEqual({ afterRename: ['b'], reopened: 'new', afterUnlink: [], stillOpen: 'new!' });
    expect(trace).toEqual([
      "t=1 r1: disk-create 'b'",
      "t=2 r1: disk-write 'b' [0, 3)",
      "t=3 r1: disk-create 'a.tmp'",
      "t=4 r1: disk-write 'a.tmp' [0, 3)",
      "t=5 r1: disk-rename 'a.tmp' -> 'b'",
      't=6 r1: disk-list 1 file',
      "t=7 r1: disk-open 'b'",
      "t=8 r1: disk-read 'b' [0, 3)",
      "t=9 r1: disk-unlink 'b'",
      "t=10 r1: disk-append 'a.tmp' [3, 4)",
      't=11 r1: disk-list 0 files',
      "t=12 r1: disk-read 'a.tmp' [0, 4)",
    ]);
  });

  it('a write is copied when it is made: changing the array afterwards changes nothing on disk', () => {
    const { result } = onHost(function* (fs) {
      const file = yield* fs.open('f', { create: true });
      const data = bytes('abc');
      const writing = file.write(0, data);
      const first = writing.next();
      data[0] = 120;
      yield first.value as never;
      writing.next();
      return text(yield* file.read(0, 3));
    });
    expect(result).toBe('abc');
  });

  it('open: ENOENT without create, EEXIST with create and exclusive; rename and unlink of a missing file: ENOENT', () => {
    const { result } = onHost(function* (fs) {
      const errors: string[] = [];
      const attempt = function* (operation: Operation<unknown>) {
        try {
          yield* operation;
        } catch (error) {
          const { code, syscall, path, host } = error as DiskError;
          errors.push(`${(error as Error).name} ${code} ${syscall} ${path} ${host}: ${(error as Error).message}`);
        }
      };
      yield* attempt(fs.open('missing'));
      yield* fs.open('there', { create: true });
      yield* attempt(fs.open('there', { create: true, exclusive: true }));
      yield* attempt(fs.rename('missing', 'b'));
      yield* attempt(fs.unlink('missing'));
      return errors;
    });
    expect(result).toEqual([
      "DiskError ENOENT open missing r1: ENOENT: no such file, open 'missing' on host r1",
      "DiskError EEXIST open there r1: EEXIST: file exists, open 'there' on host r1",
      "DiskError ENOENT rename missing r1: ENOENT: no such file, rename 'missing' on host r1 (to 'b')",
      "DiskError ENOENT unlink missing r1: ENOENT: no such file, unlink 'missing' on host r1",
    ]);
    expect(new DiskError('EIO', 'read', 'f', 'r1') instanceof Error).toBe(true);
  });
});
