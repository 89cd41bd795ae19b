import { describe, expect, it } from 'vitest';
import { createTask, Future, getRunningLoop, Loop, Owner, RuntimeError, run, sleep, Task, type Operation } from '../../src/index.js';

function* sleeper(log: string[], name: string, delays: number[]): Operation<string> {
  try {
    for (const delay of delays) {
      yield* sleep(delay);
      log.push(`${getRunningLoop().time()} ${name} woke`);
    }
    return name;
  } finally {
    log.push(`${getRunningLoop().time()} ${name} finally`);
  }
}

describe('owners: what a host incarnation makes belongs to it', () => {
  it('tasks, futures and timers made as an owner belong to it, and tasks they start inherit it', () => {
    const loop = new Loop();
    const owner = new Owner('r1', loop);
    let child: Task<unknown> | null = null;
    let future: Future<void> | null = null;
    const task = loop.withOwner(owner, () =>
      new Task(
        (function* () {
          child = createTask(sleeper([], 'child', [1]), { name: 'child' });
          future = new Future<void>();
          yield* sleep(1);
        })(),
        { loop, name: 'main' },
      ),
    );
    const timer = loop.withOwner(owner, () => loop.callLater(5, () => undefined));
    loop.runUntilIdle();
    expect([task.owner, child!.owner, future!.owner, timer.owner, loop.currentOwner()]).toEqual([owner, owner, owner, owner, null]);
  });
});

describe('loop.abandon: a power cut, not a cancellation', () => {
  it('runs none of the owner’s code again: no finally, no callback, no timer; its tasks never become done', () => {
    const loop = new Loop();
    const owner = new Owner('r1', loop);
    const log: string[] = [];
    const gate = new Future<void>({ loop, description: 'gate' });
    const sleeping = loop.withOwner(owner, () => new Task(sleeper(log, 'sleeping', [10, 10]), { loop, name: 'sleeping' }));
    const waiting = loop.withOwner(owner, () =>
      new Task(
        (function* () {
          try {
            yield* gate;
            log.push('waiting woke');
          } finally {
            log.push('waiting finally');
          }
        })(),
        { loop, name: 'waiting' },
      ),
    );
    loop.withOwner(owner, () => loop.callLater(15, () => log.push('timer ran')));
    const other = new Task(sleeper(log, 'bystander', [30]), { loop, name: 'bystander' });
    loop.runFor(12);
    loop.withOwner(owner, () => loop.callSoon(() => log.push('queued callback ran')));
    loop.abandon(owner);
    gate.setResult();
    loop.runFor(100);
    expect(log).toEqual(['10 sleeping woke', '30 bystander woke', '30 bystander finally']);
    expect([sleeping.done(), waiting.done(), other.done()]).toEqual([false, false, true]);
    expect([sleeping.phase, waiting.phase, owner.state]).toEqual(['abandoned', 'abandoned', 'abandoned']);
    expect(loop.pendingTasks()).toEqual([]);
    expect(String(sleeping)).toBe("Task 'r1/sleeping' (abandoned: host r1 crashed)");
  });

  it('is refused from the owner’s own code, twice, and for an owner of another loop', () => {
    const loop = new Loop();
    const owner = new Owner('r1', loop);
    let refused: unknown;
    loop.withOwner(owner, () =>
      loop.callSoon(() => {
        try {
          loop.abandon(owner);
        } catch (error) {
          refused = error;
        }
      }),
    );
    loop.runUntilIdle();
    expect(refused).toBeInstanceOf(RuntimeError);
    expect((refused as Error).message).toBe('host r1 cannot be abandoned from its own code');
    loop.abandon(owner);
    expect(() => loop.abandon(owner)).toThrow('host r1 is abandoned already');
    expect(() => loop.withOwner(owner, () => 1)).toThrow('host r1 has crashed: none of its code may run again');
    expect(() => new Loop().abandon(owner)).toThrow('abandon(host r1): it is not an owner of this loop');
  });
});

describe('loop.pause and loop.resume: a frozen host', () => {
  it('holds the owner’s steps and wakeups in order and fires its timers shifted by the paused span', () => {
    const loop = new Loop();
    const owner = new Owner('r1', loop);
    const log: string[] = [];
    const mailbox = new Future<string>({ loop, description: 'mailbox' });
    loop.withOwner(owner, () => new Task(sleeper(log, 'ticker', [10, 10]), { loop, name: 'ticker' }));
    loop.withOwner(owner, () =>
      new Task(
        (function* () {
          const message = yield* mailbox;
          log.push(`${getRunningLoop().time()} got ${message}`);
        })(),
        { loop, name: 'reader' },
      ),
    );
    new Task(sleeper(log, 'bystander', [15]), { loop, name: 'bystander' });
    loop.runFor(12);
    loop.pause(owner);
    mailbox.setResult('hello');
    loop.runFor(20); // t = 32: the ticker's second wakeup, due at 20, waits; the bystander runs
    expect(log).toEqual(['10 ticker woke', '15 bystander woke', '15 bystander finally']);
    loop.resume(owner);
    loop.runFor(100);
    expect(log).toEqual(['10 ticker woke', '15 bystander woke', '15 bystander finally', '32 got hello', '40 ticker woke', '40 ticker finally']);
    expect(() => loop.resume(owner)).toThrow('cannot resume host r1: it is running');
  });

  it('run() thaws a host still paused when main ends, so its tasks are cancelled and their finally blocks run', () => {
    const log: string[] = [];
    run(
      (function* () {
        const loop = getRunningLoop();
        const owner = new Owner('r1', loop);
        loop.withOwner(owner, () => new Task(sleeper(log, 'server', [1_000]), { loop, name: 'server' }));
        yield* sleep(1);
        loop.pause(owner);
        yield* sleep(1);
      })(),
    );
    expect(log).toEqual(['2 server finally']);
  });
});

describe('hosts share nothing but messages', () => {
  it('a task awaiting what another owner made gets a RuntimeError naming both', () => {
    const loop = new Loop();
    const a = new Owner('a', loop);
    const b = new Owner('b', loop);
    const fromB = loop.withOwner(b, () => new Future<number>({ loop, description: "Future 'reply'" }));
    const task = loop.withOwner(a, () =>
      new Task(
        (function* () {
          return yield* fromB;
        })(),
        { loop, name: 'client' },
      ),
    );
    expect(() => loop.runUntilComplete(task)).toThrow(
      "Task 'a/client' of host a awaited Future 'reply' of host b: hosts share nothing but messages (send it over the network, or await it from the same host)",
    );
  });

  it('code outside any host (the test itself) may await a host’s task, and a host may await the test’s future', () => {
    const loop = new Loop();
    const owner = new Owner('r1', loop);
    const start = new Future<number>({ loop, description: 'start' });
    const hosted = loop.withOwner(owner, () =>
      new Task(
        (function* () {
          return (yield* start) * 2;
        })(),
        { loop, name: 'hosted' },
      ),
    );
    const test = new Task(
      (function* () {
        start.setResult(21);
        return yield* hosted;
      })(),
      { loop, name: 'test' },
    );
    expect(loop.runUntilComplete(test)).toBe(42);
  });
});

describe('a closed loop', () => {
  it('run() closes its loop; a closed loop refuses to run', () => {
    let loop!: Loop;
    run(
      (function* () {
        loop = getRunningLoop();
      })(),
    );
    expect(loop.isClosed()).toBe(true);
    expect(() => loop.runUntilIdle()).toThrow('Event loop is closed');
  });
});

describe('sync primitives belong to the first host that waits on them', () => {
  it('a lock held across hosts is a RuntimeError naming both', async () => {
    const { Lock } = await import('../../src/index.js');
    const loop = new Loop();
    const a = new Owner('a', loop);
    const b = new Owner('b', loop);
    const lock = new Lock();
    const holder = loop.withOwner(a, () =>
      new Task(
        (function* () {
          yield* lock.acquire();
          yield* sleep(10);
          lock.release();
        })(),
        { loop, name: 'holder' },
      ),
    );
    const intruder = loop.withOwner(b, () =>
      new Task(
        (function* () {
          yield* sleep(1);
          yield* lock.acquire();
        })(),
        { loop, name: 'intruder' },
      ),
    );
    loop.runFor(2);
    expect(() => intruder.result()).toThrow('Lock [locked] belongs to host a, and code of host b used it: hosts share nothing but messages');
    loop.runUntilComplete(holder);
  });
});
