// A stale read: a register kept on a primary and copied to a replica a
// moment later, with reads served by the replica. A write is acknowledged
// once the primary has it, so a read that starts after the acknowledgement
// can still return the old value. Each value looks plausible on its own; only
// the history of what the clients saw, checked for linearizability, shows it.
//
//   simloop explore dist/examples/stale-read.js     (the module exports main and check)
import { createTask, getRunningLoop, HistoryRecorder, linearizabilityCheck, sleep, type Operation } from '../src/index.js';

/** The history the clients of the current run record; main makes a fresh one each run. */
let recorder: HistoryRecorder | undefined;

export function* main(): Operation<void> {
  const loop = getRunningLoop();
  const history = new HistoryRecorder('register', () => loop.time());
  recorder = history;
  const store = { primary: null as number | null, replica: null as number | null };

  function* copyToReplica(): Operation<void> {
    yield* sleep(0); // the replication message is in flight
    store.replica = store.primary;
  }
  function* writer(): Operation<void> {
    const op = history.invoke('writer', { f: 'write', value: 1 });
    store.primary = 1;
    createTask(copyToReplica(), { name: 'copy' });
    op.ok(); // the bug: acknowledged before the replica has it
  }
  function* reader(): Operation<void> {
    yield* sleep(0);
    const op = history.invoke('reader', { f: 'read' });
    yield* sleep(0); // a round trip to the replica
    op.ok(store.replica);
  }

  const tasks = [createTask(writer(), { name: 'writer' }), createTask(reader(), { name: 'reader' })];
  for (const task of tasks) yield* task;
}

/** Judged after every explored run: the clients' history must be linearizable. */
export const check = linearizabilityCheck(() => recorder);
