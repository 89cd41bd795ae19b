// A lost wakeup: a worker finds the job list empty, reports itself idle (one
// trip to the loop), then clears the wakeup event and waits on it. A job
// posted in between sets the event just before the worker clears it: the
// wakeup is lost and the worker sleeps with a job in its list while the
// client waits for the result forever. (The classic missed-notification bug
// of hand-rolled condition variables and of "check, then subscribe".)
//
//   simloop explore dist/examples/zoo/lost-wakeup.js
import { createTask, Event, sleep } from '../../src/index.js';

/** The worker's job list and wakeup event; main makes new ones. */
export const inbox = { jobs: [] as number[], wake: new Event(), done: 0 };

function* worker(total: number) {
  while (inbox.done < total) {
    if (inbox.jobs.length === 0) {
      yield* sleep(0); // report idle to the metrics service
      inbox.wake.clear(); // the bug: forgets a set() that came after the check
      yield* inbox.wake.wait();
      continue;
    }
    inbox.jobs.shift();
    yield* sleep(0); // do the job
    inbox.done++;
  }
}

function* client(job: number, delay: number) {
  for (let i = 0; i < delay; i++) yield* sleep(0);
  inbox.jobs.push(job);
  inbox.wake.set();
}

function* heartbeat(beats: number) {
  for (let i = 0; i < beats; i++) yield* sleep(0);
}

export function* main() {
  inbox.jobs = [];
  inbox.wake = new Event();
  inbox.done = 0;
  const delays = [3, 6, 9];
  const tasks = [
    createTask(worker(delays.length), { name: 'worker' }),
    ...delays.map((delay, job) => createTask(client(job, delay), { name: `client-${job}` })),
    ...[4, 7, 10, 12].map((beats, i) => createTask(heartbeat(beats), { name: `heartbeat-${i}` })),
  ];
  for (const task of tasks) yield* task;
}

export const minimumChoices = 1;
