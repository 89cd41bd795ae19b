import { describe, expect, it } from 'vitest';
import {
  createWorld,
  HostDownError,
  run,
  sleep,
  type DiskOptions,
  type File,
  type FileSystem,
  type HostContext,
  type Operation,
  type WorldOptions,
} from '../../../src/index.js';
import { QUIET, worldTrace } from '../helpers.js';
import { bytes, text } from './harness.js';

/** The world's random faults off, and a disk with 1 ms per operation and no slow I/O: the only disk choices are what a crash keeps. */
const CALM: WorldOptions = { ...QUIET, disk: { latencyMinMs: 1, latencyMeanMs: 1, slowProbability: 0, tornWriteProbability: 0 } };

/** Appends `record` to 'log', durable when `fsync`, and reports every record it finds at boot. */
function logger(found: string[][], record: string, fsync: boolean) {
  return function* (host: HostContext): Operation<void> {
    const log = yield* host.disk.open('log', { create: true });
    yield* host.disk.fsyncDirectory();
    found.push(text(yield* log.read(0, log.size())).split('\n').filter((line) => line !== ''));
    yield* log.append(bytes(`${record}@${host.incarnation}\n`));
    if (fsync) yield* log.fsync();
    yield* sleep(1_000);
  };
}

describe('host.disk: the disk of a world’s host', () => {
  it('outlives the host’s crashes: a restart finds what was fsynced, not what was only written', () => {
    const found: string[][] = [];
    const trace = worldTrace(function* () {
      const world = createWorld(CALM);
      world.host('r1', logger(found, 'durable', true));
      yield* sleep(10);
      world.crash('r1');
      world.restart('r1');
      yield* sleep(10);
      world.crash('r1');
      world.restart('r1');
      yield* sleep(10);
    });
    expect(found).toEqual([[], ['durable@1'], ['durable@1', 'durable@2']]);
    expect(trace.filter((line) => line.includes('r1'))).toEqual([
      't=0 r1: boot incarnation 1',
      "t=1 r1: disk-create 'log'",
      't=2 r1: disk-fsync-directory 1 change durable',
      "t=3 r1: disk-read 'log' [0, 0)",
      "t=4 r1: disk-append 'log' [0, 10)",
      "t=5 r1: disk-fsync 'log' 1 change durable",
      't=10 r1: crash incarnation 1 [fault]',
      't=10 r1#2: restart incarnation 2',
      "t=11 r1#2: disk-open 'log'",
      't=12 r1#2: disk-fsync-directory 0 changes durable',
      "t=13 r1#2: disk-read 'log' [0, 10)",
      "t=14 r1#2: disk-append 'log' [10, 20)",
      "t=15 r1#2: disk-fsync 'log' 1 change durable",
      't=20 r1#2: crash incarnation 2 [fault]',
      't=20 r1#3: restart incarnation 3',
      "t=21 r1#3: disk-open 'log'",
      't=22 r1#3: disk-fsync-directory 0 changes durable',
      "t=23 r1#3: disk-read 'log' [0, 20)",
      "t=24 r1#3: disk-append 'log' [20, 30)",
      "t=25 r1#3: disk-fsync 'log' 1 change durable",
    ]);
  });

  it('a crash decides each pending write: lost by default, kept when the disk stream says so', () => {
    const afterCrash = (schedule: string) => {
      const found: string[][] = [];
      const trace = worldTrace(function* () {
        const world = createWorld(CALM);
        world.host('r1', logger(found, 'unsynced', false));
        yield* sleep(10);
        world.crash('r1');
        world.restart('r1');
        yield* sleep(10);
      }, schedule);
      return { found: found[1], crash: trace.filter((line) => line.includes('disk-crash')) };
    };
    expect(afterCrash('v1;')).toEqual({ found: [], crash: ['t=10 r1: disk-crash 0 directory changes and 1 file pending', "t=10 r1: disk-crash 'log' write [0, 11) lost"] });
    expect(afterCrash('v2;disk=1')).toEqual({ found: ['unsynced@1'], crash: ['t=10 r1: disk-crash 0 directory changes and 1 file pending', "t=10 r1: disk-crash 'log' write [0, 11) kept [fault]"] });
  });

  it('a crashed incarnation’s context refuses its disk (HostDownError); its files refuse every operation (RuntimeError)', () => {
    let context: HostContext | null = null;
    let file: File | null = null;
    const errors: string[] = [];
    worldTrace(function* () {
      const world = createWorld(CALM);
      world.host('r1', function* (host) {
        context ??= host;
        file = yield* host.disk.open('log', { create: true });
        yield* sleep(1_000);
      });
      yield* sleep(5);
      world.crash('r1');
      world.restart('r1');
      world.host('r2', function* () {
        for (const attempt of [() => context!.disk, () => file!.append(bytes('x'))]) {
          try {
            const operation = attempt();
            if (typeof operation === 'object' && 'next' in operation) yield* operation as Operation<unknown>;
          } catch (error) {
            errors.push(`${(error as Error).name}: ${(error as Error).message}`);
          }
        }
      });
      yield* sleep(5);
    });
    expect(errors).toEqual([
      'HostDownError: disk on r1, an incarnation of r1 that crashed at t=5: its context is dead (the host’s current context is the one its boot got last)'.replace('’', "'"),
      "RuntimeError: append 'log': the file system of host r1, incarnation 1, is gone: that incarnation crashed at t=5; open the file again through the disk of the host's new incarnation",
    ]);
    expect(new HostDownError('x', 'r1')).toBeInstanceOf(Error);
  });

  it('world.wipe erases a host’s disk while it is down: restarted, it finds nothing', () => {
    const found: string[][] = [];
    let refused = '';
    const trace = worldTrace(function* () {
      const world = createWorld(CALM);
      world.host('r1', logger(found, 'durable', true));
      yield* sleep(10);
      try {
        world.wipe('r1');
      } catch (error) {
        refused = `${(error as Error).name}: ${(error as Error).message}`;
      }
      world.crash('r1');
      world.wipe('r1');
      world.restart('r1');
      yield* sleep(10);
    });
    expect(refused).toBe('RuntimeError: world.wipe: r1 is up; crash it first (a disk is wiped while its host is down)');
    expect(found).toEqual([[], []]);
    expect(trace).toContain('t=10 r1: disk-wipe 1 file erased');
  });

  it('takes the world’s disk options, a host’s own over them, and names the field of a bad one', () => {
    const sizes: number[] = [];
    worldTrace(function* () {
      const world = createWorld({ ...CALM, disk: { ...CALM.disk, blockSizeBytes: 512, capacityBytes: 1024 } });
      const tiny = world.host('tiny', function* () {}, { disk: { capacityBytes: 512 } });
      const plain = world.host('plain', function* () {});
      sizes.push(tiny.disk.options.blockSizeBytes, tiny.disk.options.capacityBytes, plain.disk.options.capacityBytes, plain.disk.options.latencyMinMs);
    });
    expect(sizes).toEqual([512, 512, 1024, 1]);
    const attempt = (options: WorldOptions, disk?: DiskOptions) => () =>
      run(
        (function* () {
          createWorld(options).host('r1', function* () {}, disk === undefined ? {} : { disk });
        })(),
      );
    expect(attempt({ disk: { blockSizeBytes: 0 } })).toThrow('createWorld: disk: blockSizeBytes must be a whole number ≥ 1, got 0');
    expect(attempt({}, { readErrorProbability: 2 })).toThrow('world.host("r1"): disk: readErrorProbability must be a number in [0, 1], got 2');
    expect(attempt({ maxFaultyCopies: -1 })).toThrow('createWorld: maxFaultyCopies must be a whole number ≥ 0, got -1');
  });

  it('the world’s hosts share one fault atlas: by default a minority of them may hold a bad copy of a block', () => {
    const corrupt = (options: WorldOptions) =>
      worldTrace(function* () {
        const world = createWorld({ ...options, disk: { ...CALM.disk, blockSizeBytes: 4, corruptionProbability: 0.5, readErrorProbability: 0, misdirectedWriteProbability: 0 } });
        for (const name of ['r1', 'r2', 'r3']) {
          world.host(name, function* (host) {
            const file = yield* host.disk.open('f', { create: true });
            yield* file.write(0, bytes('abcd'));
            yield* file.read(0, 4);
          });
        }
        yield* sleep(10);
      }, 'v2;disk=1x20').filter((line) => line.endsWith('[fault]'));
    expect(corrupt(CALM)).toEqual(["t=3 r1: disk-corrupt 'f' block 0 [0, 4) [fault]"]);
    expect(corrupt({ ...CALM, maxFaultyCopies: 2 })).toEqual(["t=3 r1: disk-corrupt 'f' block 0 [0, 4) [fault]", "t=3 r2: disk-corrupt 'f' block 0 [0, 4) [fault]"]);
  });

  it('after world.heal() no disk fault is chosen: the liveness phase', () => {
    const faults = (heal: boolean) =>
      worldTrace(function* () {
        const world = createWorld({ ...CALM, maxFaultyCopies: 1, disk: { latencyMinMs: 1, latencyMeanMs: 3 } });
        if (heal) world.heal();
        world.host('r1', function* (host: HostContext) {
          const file: File = yield* (host.disk as FileSystem).open('f', { create: true });
          yield* file.write(0, bytes('abcdefgh'));
          yield* file.read(0, 8);
        });
        yield* sleep(100);
        world.crash('r1');
      }, 'v2;disk=1x40').filter((line) => line.includes('fault') || line.includes('disk-read'));
    expect(faults(false).length).toBeGreaterThan(1);
    expect(faults(true)).toEqual(['t=0 world: heal no new faults from now on', "t=3 r1: disk-read 'f' [0, 8)", 't=100 r1: crash incarnation 1 [fault]']);
  });
});

describe('random crashes of the world (the crash stream) reach the disk', () => {
  it('a host crashed at random loses what it had not fsynced; its restart finds the rest', () => {
    const found: string[][] = [];
    worldTrace(function* () {
      const world = createWorld({ ...CALM, crashProbability: 0.5, maxHostsDown: 1, restartMinMs: 5, restartMaxMs: 5 });
      const r1 = world.host('r1', function* (host) {
        const log = yield* host.disk.open('log', { create: true });
        yield* host.disk.fsyncDirectory();
        found.push(text(yield* log.read(0, log.size())).split('\n').filter((line) => line !== ''));
        yield* log.append(bytes(`synced@${host.incarnation}\n`));
        yield* log.fsync();
        yield* log.append(bytes(`unsynced@${host.incarnation}\n`));
        yield* host.receive();
      });
      world.host('client', function* (host) {
        yield* sleep(10);
        host.send('r1', 'crash here');
        yield* sleep(20);
      }, { protected: true });
      yield* sleep(30);
      expect(r1.incarnation).toBe(2);
    }, 'v2;crash=1');
    expect(found).toEqual([[], ['synced@1']]);
  });
});

describe('the storage section of docs/simulation.md, as it reads there', () => {
  function* store(host: HostContext) {
    const log = yield* host.disk.open('log', { create: true });
    yield* host.disk.fsyncDirectory();
    host.serve(function* (record: string) {
      yield* log.append(new TextEncoder().encode(record));
      yield* log.fsync();
      return 'ok';
    });
  }

  it('an acknowledged record survives the crash, and the wipe erases it', () => {
    const seen: string[] = [];
    run(
      (function* () {
        const world = createWorld({ disk: { blockSizeBytes: 512 } });
        const kv = world.host('kv', store, { disk: { capacityBytes: 1 << 20 } });
        const client = world.host('client', function* (host) {
          return yield* host.call('kv', 'x=1\n', { timeoutMs: 100 });
        }, { protected: true });
        seen.push(String(yield* client.task!));
        world.crash('kv');
        seen.push(text(kv.disk.files().get('log')!));
        world.wipe('kv');
        world.restart('kv');
        yield* sleep(10);
        seen.push(`${kv.disk.files().size} file, ${kv.disk.files().get('log')!.length} bytes`);
      })(),
    );
    expect(seen).toEqual(['ok', 'x=1\n', '1 file, 0 bytes']);
  });
});
