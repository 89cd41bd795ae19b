import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/effects.js';
import { run } from '../../src/run.js';
import { createTask } from '../../src/task.js';
import { LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueFull } from '../../src/sync/index.js';
import { outcome, traced, type Log } from './trace.js';

/** Logs `getting`, then how its get() ended. */
function* getter<T>(queue: Queue<T>, log: Log) {
  log('getting');
  log(`get ${yield* outcome(queue.get())}`);
}

/** Runs a program that needs a loop but logs nothing, and returns its result. */
function within<T>(body: () => Generator<never, T, unknown>): T {
  return run(body());
}

describe('Queue', () => {
  it('blocks put() while full and get() while empty, each waking the other side', () => {
    const lines = traced(function* (log) {
      const queue = new Queue<number>(2);
      const producer = createTask(
        (function* () {
          for (const item of [1, 2, 3, 4]) {
            yield* queue.put(item);
            log(`put ${item}, qsize ${queue.qsize()}, full ${queue.full()}`);
          }
        })(),
        { name: 'p' },
      );
      const consumer = createTask(
        (function* () {
          yield* sleep(5);
          for (let i = 0; i < 4; i++) log(`got ${yield* queue.get()}`);
        })(),
        { name: 'c' },
      );
      yield* producer;
      yield* consumer;
    });
    expect(lines).toEqual([
      '0 p put 1, qsize 1, full false',
      '0 p put 2, qsize 2, full true',
      '5 c got 1',
      '5 c got 2',
      '5 p put 3, qsize 1, full false',
      '5 p put 4, qsize 2, full true',
      '5 c got 3',
      '5 c got 4',
      'result null',
    ]);
  });

  it('wakes blocked putters in FIFO order, one per item taken', () => {
    const lines = traced(function* (log) {
      const queue = new Queue<string>(1);
      queue.putNowait('a');
      const putters = ['p1', 'p2'].map((name) =>
        createTask(
          (function* () {
            yield* queue.put(name);
            log('put');
          })(),
          { name },
        ),
      );
      yield* sleep(1);
      log(`got ${queue.getNowait()}`);
      yield* sleep(1);
      log(`got ${queue.getNowait()}`);
      yield* sleep(1);
      log(`got ${queue.getNowait()}`);
      for (const task of putters) yield* task;
    });
    expect(lines).toEqual(['1 main got a', '1 p1 put', '2 main got p1', '2 p2 put', '3 main got p2', 'result null']);
  });

  it('putNowait() and getNowait() throw QueueFull and QueueEmpty instead of waiting', () => {
    const queue = new Queue<number>(1);
    expect(() => queue.getNowait()).toThrow(QueueEmpty);
    queue.putNowait(1);
    expect(() => queue.putNowait(2)).toThrow(QueueFull);
    expect(queue.getNowait()).toBe(1);
    expect(new Queue<number>().full()).toBe(false);
  });

  it('join() waits until taskDone() was called for every item; one call too many throws ValueError', () => {
    const lines = traced(function* (log) {
      const queue = new Queue<string>();
      queue.putNowait('a');
      queue.putNowait('b');
      createTask(
        (function* () {
          for (let i = 0; i < 2; i++) {
            const item = yield* queue.get();
            log(`got ${item}`);
            yield* sleep(10);
            queue.taskDone();
            log(`done ${item}`);
          }
        })(),
        { name: 'w' },
      );
      log('joining');
      yield* queue.join();
      log('joined');
      try {
        queue.taskDone();
      } catch (error) {
        log(`taskDone threw ${(error as Error).name}`);
      }
      yield* queue.join();
      log('joined again at once');
    });
    expect(lines).toEqual([
      '0 main joining',
      '0 w got a',
      '10 w done a',
      '10 w got b',
      '20 w done b',
      '20 main joined',
      '20 main taskDone threw ValueError',
      '20 main joined again at once',
      'result null',
    ]);
  });

  it('a getter woken by a put and cancelled before it resumes hands the wakeup to the next getter', () => {
    const lines = traced(function* (log) {
      const queue = new Queue<string>();
      const [g1, g2] = ['g1', 'g2'].map((name) => createTask(getter(queue, log), { name }));
      yield* sleep(1);
      queue.putNowait('x');
      g1?.cancel();
      log('put x and cancelled g1');
      yield* g1!;
      yield* g2!;
    });
    expect(lines).toEqual([
      '0 g1 getting',
      '0 g2 getting',
      '1 main put x and cancelled g1',
      '1 g1 get threw CancelledError',
      '1 g2 get returned "x"',
      'result null',
    ]);
  });

  it('a putter woken by a get and cancelled before it resumes hands the free slot to the next putter', () => {
    const lines = traced(function* (log) {
      const queue = new Queue<string>(1);
      queue.putNowait('a');
      const [p1, p2] = ['p1', 'p2'].map((name) =>
        createTask(
          (function* () {
            log('putting');
            log(`put ${yield* outcome(queue.put(name))}`);
          })(),
          { name },
        ),
      );
      yield* sleep(1);
      log(`got ${queue.getNowait()}`);
      p1?.cancel();
      log('cancelled p1');
      yield* p1!;
      yield* p2!;
      log(`got ${queue.getNowait()}`);
    });
    expect(lines).toEqual([
      '0 p1 putting',
      '0 p2 putting',
      '1 main got a',
      '1 main cancelled p1',
      '1 p1 put threw CancelledError',
      '1 p2 put returned null',
      '1 main got p2',
      'result null',
    ]);
  });

  it('shutdown() makes puts throw QueueShutDown at once, and gets once the items left are taken', () => {
    const lines = traced(function* (log) {
      const queue = new Queue<string>(1);
      queue.putNowait('a');
      const putter = createTask(
        (function* () {
          log('putting');
          log(`put ${yield* outcome(queue.put('b'))}`);
        })(),
        { name: 'p' },
      );
      yield* sleep(1);
      queue.shutdown();
      log(`shut down, qsize ${queue.qsize()}`);
      log(`get ${yield* outcome(queue.get())}`);
      log(`get ${yield* outcome(queue.get())}`);
      try {
        queue.putNowait('c');
      } catch (error) {
        log(`putNowait threw ${(error as Error).name}`);
      }
      yield* putter;
    });
    expect(lines).toEqual([
      '0 p putting',
      '1 main shut down, qsize 1',
      '1 main get returned "a"',
      '1 main get threw QueueShutDown',
      '1 main putNowait threw QueueShutDown',
      '1 p put threw QueueShutDown',
      'result null',
    ]);
  });

  it('shutdown() wakes every blocked getter of an empty queue, in order, with QueueShutDown', () => {
    const lines = traced(function* (log) {
      const queue = new Queue<string>();
      const tasks = ['g1', 'g2'].map((name) => createTask(getter(queue, log), { name }));
      yield* sleep(1);
      queue.shutdown();
      log('shut down');
      for (const task of tasks) yield* task;
    });
    expect(lines).toEqual([
      '0 g1 getting',
      '0 g2 getting',
      '1 main shut down',
      '1 g1 get threw QueueShutDown',
      '1 g2 get threw QueueShutDown',
      'result null',
    ]);
  });

  it('shutdown(true) drops the items left, counting them as done for join()', () => {
    const lines = traced(function* (log) {
      const queue = new Queue<string>();
      for (const item of ['a', 'b', 'c']) queue.putNowait(item);
      const joiner = createTask(
        (function* () {
          log('joining');
          yield* queue.join();
          log('joined');
        })(),
        { name: 'j' },
      );
      createTask(
        (function* () {
          log(`got ${yield* queue.get()}`);
          yield* sleep(5);
          queue.taskDone();
          log('done');
        })(),
        { name: 'w' },
      );
      yield* sleep(1);
      queue.shutdown(true);
      log(`shut down at once, qsize ${queue.qsize()}`);
      try {
        queue.getNowait();
      } catch (error) {
        log(`getNowait threw ${(error as Error).name}`);
      }
      yield* joiner;
    });
    expect(lines).toEqual([
      '0 j joining',
      '0 w got a',
      '1 main shut down at once, qsize 0',
      '1 main getNowait threw QueueShutDown',
      '5 w done',
      '5 j joined',
      'result null',
    ]);
  });
});

describe('PriorityQueue and LifoQueue', () => {
  it('PriorityQueue hands out the least item first; a woken getter takes the least item present when it resumes', () => {
    const lines = traced(function* (log) {
      const queue = new PriorityQueue<number>();
      const consumer = createTask(
        (function* () {
          for (let i = 0; i < 3; i++) log(`got ${yield* queue.get()}`);
        })(),
        { name: 'c' },
      );
      yield* sleep(1);
      for (const item of [3, 1, 2]) queue.putNowait(item);
      log('put 3, 1, 2');
      yield* consumer;
    });
    expect(lines).toEqual(['1 main put 3, 1, 2', '1 c got 1', '1 c got 2', '1 c got 3', 'result null']);
  });

  it('PriorityQueue compares arrays as Python compares tuples', () => {
    const order = within(function* () {
      const queue = new PriorityQueue<[number, string]>();
      for (const item of [[2, 'b'], [1, 'z'], [2, 'a'], [1, 'y']] as [number, string][]) queue.putNowait(item);
      const taken: string[] = [];
      while (!queue.empty()) taken.push(queue.getNowait().join(':'));
      return taken;
    });
    expect(order).toEqual(['1:y', '1:z', '2:a', '2:b']);
  });

  it("PriorityQueue breaks ties between equal items exactly as Python's heapq does", () => {
    // Compared on the number only, so the letters show the heap's own order of ties.
    const order = within(function* () {
      const queue = new PriorityQueue<[number, string]>(0, (x, y) => x[0] < y[0]);
      const items: [number, string][] = [[1, 'a'], [1, 'b'], [0, 'c'], [1, 'd'], [1, 'e'], [0, 'f'], [1, 'g']];
      for (const item of items) queue.putNowait(item);
      const taken: string[] = [];
      while (!queue.empty()) taken.push(queue.getNowait()[1]);
      return taken.join('');
    });
    expect(order).toEqual('cfagebd');
  });

  it('LifoQueue hands out the most recent item first', () => {
    const order = within(function* () {
      const queue = new LifoQueue<number>();
      for (const item of [1, 2, 3]) queue.putNowait(item);
      return [queue.getNowait(), queue.getNowait(), queue.getNowait()];
    });
    expect(order).toEqual([3, 2, 1]);
  });
});
