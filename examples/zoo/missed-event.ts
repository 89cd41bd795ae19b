// Subscribe after publish: a subscriber sets itself up (one trip to the loop)
// before it subscribes; a publisher that publishes in between reaches no one,
// and the subscriber waits for a message that has come and gone. (Pub/sub
// without replay, "the first event is lost" bugs of every event emitter.)
//
//   simloop explore dist/examples/zoo/missed-event.js
import { createTask, Future, sleep } from '../../src/index.js';

export const bus = { subscribers: [] as Array<Future<string>> };

function* subscriber(setupSteps: number) {
  for (let i = 0; i < setupSteps; i++) yield* sleep(0); // open a socket, load state
  const inbox = new Future<string>();
  bus.subscribers.push(inbox); // the bug: too late if the message went out during the set-up
  return yield* inbox;
}

function* publisher(startAfter: number) {
  for (let i = 0; i < startAfter; i++) yield* sleep(0);
  for (const inbox of bus.subscribers) inbox.setResult('config v2');
  bus.subscribers = [];
}

export function* main() {
  bus.subscribers = [];
  const subscribers = [1, 1, 2, 2, 3].map((steps, i) => createTask(subscriber(steps), { name: `subscriber-${i}` }));
  const publish = createTask(publisher(3), { name: 'publisher' });
  for (const task of [...subscribers, publish]) yield* task;
}

export const minimumChoices = 1;
