// Edge cases of the primitives that mutation testing (docs/mutation.md) showed
// no other test pinned: how waits are named, how each primitive prints itself
// in every state, and the rarer hand-offs.
import { describe, expect, it } from 'vitest';
import { sleep, type Operation } from '../../src/effects.js';
import { Loop } from '../../src/loop/loop.js';
import { Owner } from '../../src/loop/owner.js';
import { run } from '../../src/run.js';
import { createTask, Task } from '../../src/task.js';
import {
  Barrier,
  BoundedSemaphore,
  Condition,
  Event,
  Lock,
  Queue,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  Semaphore,
  ValueError,
} from '../../src/sync/index.js';
import { outcome, traced } from './trace.js';

/** The error `main` ends the run with, as `<name>: <message>`. */
function failure(main: () => Operation<unknown>): string {
  try {
    run(main());
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
  return 'no error';
}

describe('a deadlocked task names the primitive it waits on', () => {
  it('Lock, Semaphore, Queue.get, Queue.put, Event and Condition each name their wait', () => {
    const lock = new Lock();
    const semaphore = new Semaphore(0);
    const empty = new Queue();
    const full = new Queue(1);
    const event = new Event();
    const condition = new Condition();
    const waits = [
      failure(function* () { yield* lock.acquire(); yield* lock.acquire(); }),
      failure(function* () { yield* semaphore.acquire(); }),
      failure(function* () { yield* empty.get(); }),
      failure(function* () { yield* full.put(1); yield* full.put(2); }),
      failure(function* () { yield* event.wait(); }),
      failure(function* () { yield* condition.with(() => condition.wait()); }),
    ];
    expect(waits.map((message) => message.split('\n')[1])).toEqual([
      '  main: waiting on Lock.acquire()',
      '  main: waiting on Semaphore.acquire()',
      '  main: waiting on Queue.get()',
      '  main: waiting on Queue.put()',
      '  main: waiting on Event.wait()',
      '  main: waiting on Condition.wait()',
    ]);
    expect(waits[0]!.split('\n')[0]).toBe(
      "DeadlockError: deadlock at t=0ms: Task 'main' is not done, nothing is ready and no timer is pending. Unfinished tasks:",
    );
  });
});

describe('each primitive prints its state and its waiters', () => {
  it('Lock, Event, Semaphore and Condition with and without waiters', () => {
    const lines = traced(function* (log) {
      const lock = new Lock();
      const event = new Event();
      const semaphore = new Semaphore(1);
      const condition = new Condition();
      log(`${lock} ${event} ${semaphore} ${condition}`);
      log(`acquire returns ${yield* lock.acquire()} and ${yield* semaphore.acquire()}`);
      createTask(lock.acquire(), { name: 'l' });
      createTask(event.wait(), { name: 'e' });
      createTask(semaphore.acquire(), { name: 's' });
      createTask(condition.with(() => condition.wait()), { name: 'c' });
      yield* sleep(1);
      log(`${lock} ${event} ${semaphore} ${condition}`);
      yield* condition.with(function* () {
        log(`${condition}`);
        condition.notifyAll();
      });
      lock.release();
      event.set();
      semaphore.release();
      yield* sleep(1);
      log(`${lock} ${event} ${semaphore} ${condition}`);
    });
    expect(lines).toEqual([
      '0 main Lock [unlocked] Event [unset] Semaphore [unlocked, value:1] Condition [unlocked]',
      '0 main acquire returns true and true',
      '1 main Lock [locked, waiters:1] Event [unset, waiters:1] Semaphore [locked, waiters:1] Condition [unlocked, waiters:1]',
      '1 main Condition [locked, waiters:1]',
      '2 main Lock [locked] Event [set] Semaphore [locked] Condition [unlocked]',
      'result null',
    ]);
  });

  it('Queue prints its size, its waiters, its unfinished items and its shutdown', () => {
    const lines = traced(function* (log) {
      const queue = new Queue<number>(1);
      log(String(queue));
      queue.putNowait(1);
      log(String(queue));
      createTask(queue.put(2), { name: 'p' });
      yield* sleep(1);
      log(String(queue));
      queue.getNowait();
      yield* sleep(1);
      queue.getNowait();
      queue.taskDone();
      const g = createTask(outcome(queue.get()), { name: 'g' });
      yield* sleep(1);
      log(String(queue));
      queue.shutdown();
      log(`${queue} get ${yield* g}`);
    });
    expect(lines).toEqual([
      '0 main Queue maxsize=1',
      '0 main Queue maxsize=1 qsize=1 tasks=1',
      '1 main Queue maxsize=1 qsize=1 putters[1] tasks=1',
      '3 main Queue maxsize=1 getters[1] tasks=1',
      '3 main Queue maxsize=1 tasks=1 shutdown get threw QueueShutDown',
      'result null',
    ]);
  });

  it('Barrier prints its state and how many of its parties wait, and its refusals', () => {
    const lines = traced(function* (log) {
      const barrier = new Barrier(3);
      yield* barrier.reset(); // nothing waits: it stays filling
      log(String(barrier));
      const a = createTask(outcome(barrier.wait()), { name: 'a' });
      const b = createTask(outcome(barrier.wait()), { name: 'b' });
      yield* sleep(1);
      log(String(barrier));
      yield* barrier.reset();
      yield* barrier.reset(); // a second reset while the first drains
      log(String(barrier));
      log(`a ${yield* a}, b ${yield* b}`);
      log(String(barrier));
      const c = createTask(outcome(barrier.wait()), { name: 'c' });
      yield* sleep(1);
      yield* barrier.abort();
      yield* barrier.abort();
      log(`${barrier} c ${yield* c}`);
      log(`${barrier} later ${yield* outcome(barrier.wait())}`);
      yield* barrier.reset();
      log(String(barrier));
    });
    expect(lines).toEqual([
      '0 main Barrier [filling, waiters:0/3]',
      '1 main Barrier [filling, waiters:2/3]',
      '1 main Barrier [resetting, waiters:0/3]',
      '1 main a threw BrokenBarrierError, b threw BrokenBarrierError',
      '1 main Barrier [filling, waiters:0/3]',
      '2 main Barrier [broken] c threw BrokenBarrierError',
      '2 main Barrier [broken] later threw BrokenBarrierError',
      '2 main Barrier [filling, waiters:0/3]',
      'result null',
    ]);
  });

  it('the errors name themselves and say what was wrong', () => {
    const described = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
      return 'no error';
    };
    const queue = new Queue(1);
    expect([
      described(() => queue.getNowait()),
      described(() => (queue.putNowait(1), queue.putNowait(2))),
      described(() => (queue.taskDone(), queue.taskDone())),
      described(() => new Semaphore(-1)),
      described(() => new Barrier(0)),
      described(() => new BoundedSemaphore(1).release()),
    ]).toEqual([
      'QueueEmpty: ',
      'QueueFull: ',
      'ValueError: taskDone() called too many times',
      'ValueError: Semaphore initial value must be >= 0',
      'ValueError: parties must be >= 1',
      'ValueError: BoundedSemaphore released too many times',
    ]);
    expect([new QueueEmpty().name, new QueueFull().name, new QueueShutDown().name, new ValueError('x').name]).toEqual([
      'QueueEmpty', 'QueueFull', 'QueueShutDown', 'ValueError',
    ]);
  });

  it('a broken barrier and a reset one say which', () => {
    const lines = traced(function* (log) {
      const barrier = new Barrier(2);
      const a = createTask(barrier.wait(), { name: 'a' });
      yield* sleep(1);
      yield* barrier.reset();
      try {
        yield* a;
      } catch (error) {
        log((error as Error).message);
      }
      yield* barrier.abort();
      try {
        yield* barrier.wait();
      } catch (error) {
        log((error as Error).message);
      }
    });
    expect(lines).toEqual(['1 main Abort or reset of barrier', '1 main Barrier aborted', 'result null']);
  });
});

describe('the rarer hand-offs', () => {
  it('Queue: a put waiting on a full queue throws once it is shut down; an immediate shutdown releases join()', () => {
    const lines = traced(function* (log) {
      const queue = new Queue<number>(1);
      queue.putNowait(1);
      const p = createTask(outcome(queue.put(2)), { name: 'p' });
      const j = createTask(outcome(queue.join()), { name: 'j' });
      yield* sleep(1);
      queue.shutdown(true);
      log(`put ${yield* p}, join ${yield* j}, ${queue}`);
      log(`put later ${yield* outcome(queue.put(3))}`);
    });
    expect(lines).toEqual(['1 main put threw QueueShutDown, join returned null, Queue maxsize=1 shutdown', '1 main put later threw QueueShutDown', 'result null']);
  });

  it('Queue: a waiter cancelled in the same step as a shutdown or a put is skipped, and the next in line keeps its place', () => {
    const lines = traced(function* (log) {
      const queue = new Queue<string>();
      const getters = ['a', 'b', 'c'].map((name) => createTask(outcome(queue.get()), { name }));
      yield* sleep(1);
      getters[0]!.cancel();
      queue.putNowait('x'); // to b: a is cancelled, though still listed
      yield* sleep(1);
      getters[2]!.cancel();
      const late = createTask(outcome(queue.get()), { name: 'late' });
      yield* sleep(1);
      queue.putNowait('y'); // to late
      log(`${yield* getters[1]!} ${yield* late} ${queue}`);
      const full = new Queue<number>(1);
      full.putNowait(0);
      const putters = ['p', 'q'].map((name) => createTask(outcome(full.put(1)), { name }));
      yield* sleep(1);
      putters[0]!.cancel();
      full.shutdown();
      log(`${yield* putters[1]!}`);
    });
    expect(lines).toEqual(['3 main returned "x" returned "y" Queue maxsize=0 tasks=2', '4 main threw QueueShutDown', 'result null']);
  });

  it('Queue: a cancelled getter does not pass a wakeup on, so the getters behind it keep their order', () => {
    const lines = traced(function* (log) {
      const queue = new Queue<string>();
      const getters = ['a', 'b', 'c'].map((name) =>
        createTask(
          (function* () {
            log(`got ${yield* queue.get()}`);
          })(),
          { name },
        ),
      );
      yield* sleep(1);
      getters[0]!.cancel();
      yield* sleep(1);
      queue.putNowait('x');
      queue.putNowait('y');
      yield* sleep(1);
    });
    expect(lines).toEqual(['2 b got x', '2 c got y', 'result null']);
  });

  it('Semaphore: waiters that queued behind a woken one while slots were free are all woken when it goes on', () => {
    const lines = traced(function* (log) {
      const semaphore = new Semaphore(0);
      const taker = (name: string) =>
        createTask(
          (function* () {
            yield* semaphore.acquire();
            log('acquired');
          })(),
          { name },
        );
      taker('a');
      yield* sleep(1);
      semaphore.release(); // hands the slot to a
      semaphore.release();
      semaphore.release();
      taker('b'); // queue behind a, woken but not yet running
      taker('c');
      yield* sleep(1);
      log(String(semaphore));
    });
    expect(lines).toEqual(['1 a acquired', '1 b acquired', '1 c acquired', '2 main Semaphore [locked]', 'result null']);
  });

  it('Semaphore: a waiter cancelled before it was woken takes no slot, and one slot serves three tasks in turn', () => {
    const lines = traced(function* (log) {
      const semaphore = new Semaphore(0);
      const waiter = createTask(semaphore.acquire(), { name: 'w' });
      yield* sleep(1);
      waiter.cancel();
      yield* sleep(1);
      log(String(semaphore));
      semaphore.release();
      const workers = ['a', 'b', 'c'].map((name) =>
        createTask(
          semaphore.with(function* () {
            log('in');
            yield* sleep(10);
          }),
          { name },
        ),
      );
      for (const worker of workers) yield* worker;
    });
    expect(lines).toEqual(['2 main Semaphore [locked]', '2 a in', '12 b in', '22 c in', 'result null']);
  });

  it('Condition: wait() returns true; a waiter cancelled in the step of a notify is skipped for the next', () => {
    const lines = traced(function* (log) {
      const condition = new Condition();
      const waiter = (name: string) =>
        createTask(
          (function* () {
            const result = yield* outcome(condition.with(() => condition.wait()));
            log(`wait ${result}`);
          })(),
          { name },
        );
      const a = waiter('a');
      waiter('b');
      yield* sleep(1);
      yield* condition.with(function* () {
        a.cancel();
        condition.notify(1);
      });
      yield* sleep(1);
      log(String(condition));
    });
    expect(lines).toEqual(['1 a wait threw CancelledError', '1 b wait returned true', '2 main Condition [unlocked]', 'result null']);
  });
});

describe('a woken getter cancelled after its item was taken', () => {
  it('passes no wakeup on, so the getters behind it keep their places in line', () => {
    const log = run(
      (function* () {
        const queue = new Queue<string>();
        const log: string[] = [];
        const getter = (name: string) =>
          createTask(
            (function* () {
              try {
                log.push(`${name} got ${yield* queue.get()}`);
              } catch (error) {
                log.push(`${name} ${(error as Error).name}`);
              }
            })(),
            { name },
          );
        const a = getter('a');
        getter('b');
        getter('c');
        yield* sleep(0);
        queue.putNowait('x'); // wakes a
        log.push(`main took ${queue.getNowait()}`);
        a.cancel();
        yield* sleep(0); // a takes its CancelledError
        yield* sleep(0); // a spurious wakeup would have run by now
        queue.putNowait('y');
        yield* sleep(0);
        queue.putNowait('z');
        yield* sleep(0);
        return log;
      })(),
    );
    expect(log).toEqual(['main took x', 'a CancelledError', 'b got y', 'c got z']);
  });
});

describe('a primitive belongs to the host whose code first used it', () => {
  /** Runs `body` as a task of `owner` (or of no host) on `loop` to its end; returns how it ended. */
  function runAs(loop: Loop, owner: Owner | null, body: () => Operation<unknown>): string {
    const start = () => new Task(outcome(body()), { loop, name: 'worker' });
    const task = owner === null ? start() : loop.withOwner(owner, start);
    loop.runUntilIdle();
    return task.result() as string;
  }

  it('its own host and code of no host may use it; another host gets a RuntimeError naming both', () => {
    const loop = new Loop();
    const r1 = new Owner('r1', loop);
    const r2 = new Owner('r2', loop);
    const lock = loop.withOwner(r1, () => new Lock());
    const free = new Event();
    free.set();
    expect([
      runAs(loop, r1, function* () { yield* lock.acquire(); lock.release(); }),
      runAs(loop, null, function* () { yield* lock.acquire(); lock.release(); }),
      runAs(loop, r2, function* () { yield* free.wait(); }),
      runAs(loop, r2, function* () { yield* free.wait(); }),
    ]).toEqual(['returned null', 'returned null', 'returned null', 'returned null']);
    let error: unknown;
    loop.withOwner(r2, () =>
      new Task(
        (function* () {
          try {
            yield* lock.acquire();
          } catch (caught) {
            error = caught;
          }
        })(),
        { loop },
      ),
    );
    loop.runUntilIdle();
    expect([(error as Error).name, (error as Error).message]).toEqual([
      'RuntimeError',
      'Lock [unlocked] belongs to host r1, and code of host r2 used it: hosts share nothing but messages',
    ]);
    const firstUse = new Event();
    firstUse.set();
    runAs(loop, r1, () => firstUse.wait());
    expect(runAs(loop, r2, () => firstUse.wait())).toBe('threw RuntimeError');
  });
});

describe('after a wait', () => {
  it('acquire() returns true once it had to wait; a getter cancelled in the step of a shutdown is skipped', () => {
    const lines = traced(function* (log) {
      const lock = new Lock();
      const semaphore = new Semaphore(0);
      yield* lock.acquire();
      const l = createTask(lock.acquire(), { name: 'l' });
      const s = createTask(semaphore.acquire(), { name: 's' });
      const queue = new Queue<number>();
      const getters = ['a', 'b'].map((name) => createTask(outcome(queue.get()), { name }));
      yield* sleep(1);
      lock.release();
      semaphore.release();
      getters[0]!.cancel();
      queue.shutdown();
      log(`${yield* l} ${yield* s} ${yield* getters[1]!}`);
    });
    expect(lines).toEqual(['1 main true true threw QueueShutDown', 'result null']);
  });
});
