// A rare order of timers: eight retry timers come due at the same instant,
// and each retry writes its replica's version. The repair is only wrong when
// the four stale replicas all write before any fresh one: a quorum read that
// happens in between sees only stale versions. (Timers due at once fire in
// an order the loop does not promise; code that relies on their scheduling
// order breaks the day two of them tie.)
//
//   simloop explore dist/examples/zoo/timer-storm.js
import { createTask, sleep } from '../../src/index.js';

export const store = { versions: [] as number[], quorumSawStale: false };

function* retry(replica: number) {
  yield* sleep(10); // every retry is due at t=10
  store.versions.push(replica % 2 === 0 ? 2 : 1); // even replicas are fresh (2), odd ones stale (1)
  if (store.versions.length === 4 && store.versions.every((version) => version === 1)) store.quorumSawStale = true;
}

export function* main() {
  store.versions = [];
  store.quorumSawStale = false;
  const retries = Array.from({ length: 8 }, (_, replica) => createTask(retry(replica), { name: `retry-${replica}` }));
  for (const task of retries) yield* task;
  if (store.quorumSawStale) throw new Error(`a quorum of 4 read only stale versions: ${store.versions.join(',')}`);
}

export const minimumChoices = 4;
