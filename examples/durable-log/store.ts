// A key-value store that keeps a write-ahead log on its host's disk. Each
// put appends `key=value\n` to the log and fsyncs it before it answers, so an
// acknowledged put survives any crash. Values only grow (a put of an older
// value is ignored), so a retried, duplicated or late put never undoes a newer
// one. Every four puts the store compacts: it writes the live entries to
// `log.tmp`, fsyncs it and renames it over `log`.
//
// The bug (`variant: 'buggy'`): the compaction never fsyncs the directory
// after the rename. Until some later directory fsync, the rename (and the
// create of `log.tmp`) is still pending; a crash loses it, and with it the
// file the puts acknowledged since were fsynced into: on restart the store
// reads the old log and has forgotten them. The fix is one line: fsync the
// directory after the rename.
import { Lock, type File, type FileSystem, type HostContext, type Operation } from '../../src/index.js';

/** Which compaction runs: with the bug, or with its one-line fix. */
export type Variant = 'buggy' | 'fixed';

export type Request = { readonly type: 'put'; readonly key: string; readonly value: number } | { readonly type: 'get'; readonly key: string };

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const RECORD = /^k\d+=\d+$/;

/** One incarnation's store: the log it appends to, the entries it holds in memory, and the lock that keeps puts one at a time. */
interface Store {
  readonly fs: FileSystem;
  log: File;
  readonly entries: Map<string, number>;
  putsSinceCompaction: number;
  readonly lock: Lock;
}

/** The store's host: recovers from its disk, then serves puts and gets. */
export function kvStore(variant: Variant) {
  return function* (host: HostContext): Operation<void> {
    const store = yield* recover(host.disk);
    host.serve(function* (request: Request) {
      if (request.type === 'get') return store.entries.get(request.key) ?? 0;
      yield* store.lock.acquire();
      try {
        yield* put(store, request.key, request.value, variant);
      } finally {
        store.lock.release();
      }
      return 'ok';
    });
  };
}

/**
 * Recovery after a (re)start: reads the log up to its last whole record and
 * cuts off the rest (a record torn by the crash, or the zeros of a write that
 * did not survive), so that new records follow whole ones.
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
    entries.set(key, Math.max(entries.get(key) ?? 0, Number(value)));
    end += line.length + 1;
  }
  if (end < log.size()) yield* log.truncate(end);
  return { fs, log, entries, putsSinceCompaction: 0, lock: new Lock() };
}

/** Answers only once the record is durable. */
function* put(store: Store, key: string, value: number, variant: Variant): Operation<void> {
  if (value <= (store.entries.get(key) ?? 0)) return; // a retry or a late copy of an older put
  yield* store.log.append(encoder.encode(`${key}=${value}\n`));
  yield* store.log.fsync();
  store.entries.set(key, value);
  if (++store.putsSinceCompaction === 4) yield* compact(store, variant);
}

/** Rewrites the live entries into a new log and renames it over the old one. */
function* compact(store: Store, variant: Variant): Operation<void> {
  const fresh = yield* store.fs.open('log.tmp', { create: true });
  yield* fresh.truncate(0);
  yield* fresh.write(0, encoder.encode([...store.entries].map(([key, value]) => `${key}=${value}\n`).join('')));
  yield* fresh.fsync();
  yield* store.fs.rename('log.tmp', 'log');
  if (variant === 'fixed') yield* store.fs.fsyncDirectory(); // the fix: the new log's name is durable before anything is acknowledged in it
  store.log = fresh;
  store.putsSinceCompaction = 0;
}
