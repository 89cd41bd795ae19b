// A stolen wakeup: a consumer waits on a condition with `if` where it needs
// `while`. When it is notified, another consumer that arrived in the meantime
// may already have taken the item, and the first one takes from an empty
// buffer. (Every condition-variable guide warns of this; Python's docs say
// to re-check the predicate in a loop.)
//
//   simloop explore dist/examples/zoo/stolen-wakeup.js
import { Condition, createTask, sleep } from '../../src/index.js';

export const buffer = { items: [] as string[], ready: new Condition() };

function* consumer(startAfter: number) {
  for (let i = 0; i < startAfter; i++) yield* sleep(0);
  yield* buffer.ready.acquire();
  try {
    if (buffer.items.length === 0) yield* buffer.ready.wait(); // the bug: `if`, not `while`
    const item = buffer.items.shift();
    if (item === undefined) throw new Error('took from an empty buffer');
    return item;
  } finally {
    buffer.ready.release();
  }
}

function* producer(item: string, startAfter: number) {
  for (let i = 0; i < startAfter; i++) yield* sleep(0);
  yield* buffer.ready.acquire();
  buffer.items.push(item);
  buffer.ready.notify();
  buffer.ready.release();
}

export function* main() {
  buffer.items = [];
  buffer.ready = new Condition();
  const tasks = [
    createTask(consumer(0), { name: 'consumer-0' }),
    createTask(producer('a', 1), { name: 'producer-a' }),
    createTask(consumer(3), { name: 'consumer-1' }),
    createTask(producer('b', 5), { name: 'producer-b' }),
    createTask(consumer(6), { name: 'consumer-2' }),
    createTask(producer('c', 8), { name: 'producer-c' }),
  ];
  for (const task of tasks) yield* task;
}

export const minimumChoices = 1;
