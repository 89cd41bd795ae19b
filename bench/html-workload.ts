// The run the HTML timeline's benchmark draws: hosts whose tasks take a
// host's lock, sleep, and send each other messages over a network that drops
// some (a world choice) and takes 1 to 3 ms, replayed under a schedule with
// non-FIFO choices. Every kind of event the page draws is in it: spawns,
// steps, sleeps, awaits, wakeups, timers, choices, sends, deliveries, drops.
import { getRunningLoop, Lock, Owner, replay, sleep, Task, type Loop, type Operation, type TraceEvent } from '../src/index.js';

interface Shape {
  readonly hosts: number;
  readonly tasksPerHost: number;
  readonly rounds: number;
}

function* worker(loop: Loop, lock: Lock, host: number, task: number, shape: Shape, nextId: { value: number }): Operation<void> {
  for (let round = 0; round < shape.rounds; round++) {
    yield* lock.acquire();
    yield* sleep(((host + task + round) % 3) + 1);
    lock.release();
    const to = `h${(host + 1 + round) % shape.hosts}`;
    const id = nextId.value++;
    const detail = `#${id} h${host} -> ${to}`;
    loop.monitor?.worldEvent?.({ action: 'send', host: `h${host}`, detail, fault: false, id, from: `h${host}`, to });
    if ((loop.policy.chooseWorld?.('net', 'drop', 2, [0.9, 0.1]) ?? 0) === 1) {
      loop.monitor?.worldEvent?.({ action: 'drop', host: null, detail, fault: true, id, from: `h${host}`, to });
    } else {
      loop.callLater((id % 3) + 1, () => loop.monitor?.worldEvent?.({ action: 'deliver', host: to, detail, fault: false, id, from: `h${host}`, to }));
    }
  }
}

function program(shape: Shape): () => Operation<void> {
  return function* main() {
    const loop = getRunningLoop();
    const nextId = { value: 1 };
    const tasks: Task<void>[] = [];
    for (let host = 0; host < shape.hosts; host++) {
      const owner = new Owner(`h${host}`, loop);
      const lock = loop.withOwner(owner, () => new Lock());
      for (let task = 0; task < shape.tasksPerHost; task++) {
        tasks.push(loop.withOwner(owner, () => new Task(worker(loop, lock, host, task, shape, nextId), { loop, name: `worker-${task}` })));
      }
    }
    for (const task of tasks) yield* task;
  };
}

/**
 * A trace of about `events` events: `long` is 20 tasks on 4 hosts, many
 * rounds each; `wide` is 500 tasks on 10 hosts, a few rounds each (500 rows).
 */
export function benchTrace(events: number, shapeName: 'long' | 'wide'): readonly TraceEvent[] {
  const [hosts, tasksPerHost] = shapeName === 'long' ? [4, 5] : [10, 50];
  const shape = { hosts, tasksPerHost, rounds: Math.max(1, Math.round(events / (hosts * tasksPerHost * 6.1))) };
  // A non-FIFO ready choice now and then, and a dropped message every so often.
  const choices = Array.from({ length: 400 }, (_, index) => (index % 7 === 3 ? 1 : 0)).join(',');
  const drops = Array.from({ length: 200 }, (_, index) => (index % 11 === 5 ? 1 : 0)).join(',');
  return replay(program(shape), `v2;sched=${choices};net=${drops}`).trace;
}
