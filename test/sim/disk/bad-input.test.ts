import { describe, expect, it } from 'vitest';
import { Disk, Loop, type DiskOptions, type FileSystem, type Operation } from '../../../src/index.js';
import { bytes, testHost, worldTrace } from './harness.js';

describe('bad input: a clear error naming what was wrong and where', () => {
  it('options out of range, of the wrong type or unknown name the field and the host', () => {
    const make = (options: unknown) => () => new Disk(new Loop(), 'r1', options as DiskOptions);
    expect(make({ blockSizeBytes: 0 })).toThrow('the disk of host r1: blockSizeBytes must be a whole number ≥ 1, got 0');
    expect(make({ blockSizeBytes: 1.5 })).toThrow('blockSizeBytes must be a whole number ≥ 1, got 1.5');
    expect(make({ capacityBytes: -1 })).toThrow('the disk of host r1: capacityBytes must be a whole number ≥ 0 or Infinity, got -1');
    expect(make({ latencyMinMs: -1 })).toThrow('the disk of host r1: latencyMinMs must be a finite number ≥ 0, got -1');
    expect(make({ latencyMinMs: 5, latencyMeanMs: 2 })).toThrow('the disk of host r1: latencyMeanMs must be a finite number ≥ latencyMinMs (5), got 2');
    expect(make({ slowLatencyMs: Infinity })).toThrow('slowLatencyMs must be a finite number ≥ 0, got Infinity');
    expect(make({ readErrorProbability: 1.5 })).toThrow('the disk of host r1: readErrorProbability must be a number in [0, 1], got 1.5');
    expect(make({ tornWriteProbability: 'always' })).toThrow('tornWriteProbability must be a number in [0, 1], got always');
    expect(make({ blocksize: 512 })).toThrow('the disk of host r1: unknown option blocksize; the options are blockSizeBytes, capacityBytes, latencyMinMs,');
    expect(make(null)).toThrow('the disk of host r1: options must be an object, got null');
    expect(make({ blockSizeBytes: undefined }).call(null).options.blockSizeBytes).toBe(4096);
  });

  it('a bad name, offset, length, size or data throws in the calling task, naming the operation and the file', () => {
    const errors: string[] = [];
    worldTrace(function* () {
      const host = testHost('r1');
      yield* host.start(function* (fs) {
        const file = yield* fs.open('f', { create: true });
        const attempts: Array<(fs: FileSystem) => Operation<unknown>> = [
          (fs) => fs.open(''),
          (fs) => fs.open('dir/f'),
          (fs) => fs.rename('f', 42 as unknown as string),
          () => file.write(-1, bytes('x')),
          () => file.write(0.5, bytes('x')),
          () => file.write(0, 'x' as unknown as Uint8Array),
          () => file.append([1, 2] as unknown as Uint8Array),
          () => file.read(0, -3),
          () => file.read(Number.NaN, 3),
          () => file.truncate(-1),
        ];
        for (const attempt of attempts) {
          try {
            yield* attempt(fs);
          } catch (error) {
            errors.push(`${(error as Error).name}: ${(error as Error).message}`);
          }
        }
      });
    });
    expect(errors).toEqual([
      `TypeError: open: a file name must be a non-empty string without '/' or NUL (a disk has one directory), got ""`,
      `TypeError: open: a file name must be a non-empty string without '/' or NUL (a disk has one directory), got "dir/f"`,
      "TypeError: rename: a file name must be a non-empty string without '/' or NUL (a disk has one directory), got 42",
      "RangeError: write 'f': offset must be a whole number of bytes ≥ 0, got -1",
      "RangeError: write 'f': offset must be a whole number of bytes ≥ 0, got 0.5",
      `TypeError: write 'f': data must be a Uint8Array, got "x"`,
      "TypeError: append 'f': data must be a Uint8Array, got an Array",
      "RangeError: read 'f': length must be a whole number of bytes ≥ 0, got -3",
      "RangeError: read 'f': offset must be a whole number of bytes ≥ 0, got NaN",
      "RangeError: truncate 'f': size must be a whole number of bytes ≥ 0, got -1",
    ]);
  });
});
