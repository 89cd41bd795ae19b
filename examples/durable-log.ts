// A key-value store that keeps a write-ahead log on its host's disk, and a
// durability bug that only a crash shows. Each put appends `key=value\n` to
// the log and fsyncs it before it is acknowledged, so an acknowledged put
// survives any crash. Every few puts the store compacts: it writes the live
// entries to `log.tmp`, fsyncs it and renames it over `log`. The bug: it
// never fsyncs the directory after the rename. The rename and the create of
// `log.tmp` are still pending when the host crashes, the crash loses them,
// and the puts acknowledged after the compaction, fsynced into a file that no
// durable name reaches, are gone. The fix is one line (see `compactFixed`).
//
//   simloop explore dist/examples/durable-log.js      (finds it, shrinks it to the crash)
import { Disk, getRunningLoop, Owner, Task, wait, type File, type FileSystem, type Operation } from '../src/index.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const RECORD = /^k\d+=\d+$/;

/** One incarnation's store: the log it appends to and the entries it holds in memory. */
interface Store {
  readonly fs: FileSystem;
  log: File;
  readonly entries: Map<string, number>;
  putsSinceCompaction: number;
}

/**
 * Recovery after a (re)start: reads the log up to its last whole record and
 * cuts off the rest, a record torn by a crash or the zeros of a write that
 * did not survive, so that new records follow whole ones.
 */
function* recover(fs: FileSystem): Operation<Store> {
  const log = yield* fs.open('log', { create: true });
  yield* fs.fsyncDirectory(); // a new log's name must be durable before a record in it is acknowledged
  const text = decoder.decode(yield* log.read(0, log.size()));
  const entries = new Map<string, number>();
  let end = 0;
  for (const line of text.split('\n').slice(0, -1)) {
    if (!RECORD.test(line)) break;
    const [key, value] = line.split('=') as [string, string];
    entries.set(key, Number(value));
    end += line.length + 1;
  }
  if (end < log.size()) yield* log.truncate(end);
  return { fs, log, entries, putsSinceCompaction: 0 };
}

/** Acknowledged (returns) only once the record is durable. */
function* put(store: Store, key: string, value: number, compact: Compaction): Operation<void> {
  yield* store.log.append(encoder.encode(`${key}=${value}\n`));
  yield* store.log.fsync();
  store.entries.set(key, value);
  if (++store.putsSinceCompaction === 4) yield* compact(store);
}

type Compaction = (store: Store) => Operation<void>;

/** Rewrites the live entries into a new log and renames it over the old one: the bug is the missing directory fsync. */
function* compactWithBug(store: Store): Operation<void> {
  const fresh = yield* writeLiveEntries(store);
  yield* store.fs.rename('log.tmp', 'log');
  store.log = fresh;
  store.putsSinceCompaction = 0;
}

/** The same, with the fix: the rename (and the create of log.tmp) is durable before anything else is acknowledged. */
function* compactFixed(store: Store): Operation<void> {
  const fresh = yield* writeLiveEntries(store);
  yield* store.fs.rename('log.tmp', 'log');
  yield* store.fs.fsyncDirectory();
  store.log = fresh;
  store.putsSinceCompaction = 0;
}

function* writeLiveEntries(store: Store): Operation<File> {
  const fresh = yield* store.fs.open('log.tmp', { create: true });
  yield* fresh.truncate(0);
  const lines = [...store.entries].map(([key, value]) => `${key}=${value}\n`).join('');
  yield* fresh.write(0, encoder.encode(lines));
  yield* fresh.fsync();
  return fresh;
}

/**
 * The test: a client makes 12 puts to 3 keys on host `kv`. Before each, the
 * world may decide to crash the host a few milliseconds into the put (a
 * `crash` choice, 0 = no crash); the host then restarts and recovers, and
 * every key must hold its last acknowledged value, or the value of a later
 * put that the crash cut short (it may or may not have become durable).
 */
function* scenario(compact: Compaction): Operation<void> {
  const loop = getRunningLoop();
  const disk = new Disk(loop, 'kv', { blockSizeBytes: 16 });
  let incarnations = 1;
  let owner = new Owner('kv', loop);
  const boot = (): Task<Store> => loop.withOwner(owner, () => new Task(recover(disk.mount(owner)), { loop, name: 'recover' }));
  let store = yield* boot();
  const possible = new Map<string, Array<number | undefined>>();
  for (let value = 0; value < 12; value++) {
    const key = `k${value % 3}`;
    const crash = loop.policy.chooseWorld?.('crash', 'crash', 9, [0.92, ...Array(8).fill(0.01)]) ?? 0;
    const putting = loop.withOwner(owner, () => new Task(put(store, key, value, compact), { loop, name: `put ${key}=${value}` }));
    const { done } = yield* wait([putting], { timeoutMs: crash === 0 ? null : 2 * (crash - 1) });
    if (done.size === 1) {
      putting.result();
      possible.set(key, [value]); // acknowledged: nothing earlier may come back
      continue;
    }
    possible.set(key, [...(possible.get(key) ?? [undefined]), value]); // cut short: it may or may not have survived
    loop.abandon(owner);
    disk.crash();
    owner = new Owner(`kv#${++incarnations}`, loop);
    store = yield* boot();
    for (const [each, values] of possible) {
      const recovered = store.entries.get(each);
      if (!values.includes(recovered)) {
        const show = (value: number | undefined) => (value === undefined ? 'absent' : String(value));
        throw new Error(`lost an acknowledged put: ${each} is ${show(recovered)} after a crash, expected ${values.map(show).join(' or ')}`);
      }
    }
  }
}

/** The store with the bug: explore finds a crash that loses acknowledged puts. */
export function* main(): Operation<void> {
  yield* scenario(compactWithBug);
}

/** The store with the fix: passes under any crash, torn write and latency. */
export function* mainFixed(): Operation<void> {
  yield* scenario(compactFixed);
}
