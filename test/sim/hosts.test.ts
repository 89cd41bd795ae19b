import { describe, expect, it } from 'vitest';
import {
  createWorld,
  getRunningLoop,
  HostDownError,
  HostError,
  run,
  RuntimeError,
  sleep,
  createTask,
  Future,
  type HostContext,
  type Operation,
  type WorldOptions,
  replay,
} from '../../src/index.js';
import { QUIET, traceOf, worldLines, worldTrace } from './helpers.js';

const log: string[] = [];
const now = (): number => getRunningLoop().time();

/** A counter service: it counts what it receives, in memory, and logs each count; its finally logs too. */
function* counter(host: HostContext): Operation<void> {
  let count = 0;
  try {
    for (;;) {
      const { message } = yield* host.receive<string>();
      count++;
      log.push(`${now()} ${host.name}#${host.incarnation} count ${count} (${message})`);
    }
  } finally {
    log.push(`${now()} ${host.name}#${host.incarnation} finally`);
  }
}

/** Sends `tick N` to `to` every 10 ms, `count` times. */
function ticker(to: string, count: number) {
  return function* (host: HostContext): Operation<void> {
    for (let i = 1; i <= count; i++) {
      host.send(to, `tick ${i}`);
      yield* sleep(10);
    }
  };
}

describe('crash: a power cut, not a cancellation', () => {
  it('runs none of the host’s code again (no finally), drops messages while it is down, and restart boots fresh memory', () => {
    const main = function* () {
      log.length = 0;
      const world = createWorld(QUIET);
      const r1 = world.host('r1', counter);
      world.host('client', ticker('r1', 6));
      yield* sleep(15);
      world.crash('r1');
      log.push(`${now()} r1 is ${r1.state}, its task ${r1.task === null ? 'gone' : 'left'}`);
      yield* sleep(20);
      world.restart('r1');
      log.push(`${now()} r1 is ${r1.state}, incarnation ${r1.incarnation}`);
      yield* sleep(30);
    };
    run(main());
    expect(log).toEqual([
      '1 r1#1 count 1 (tick 1)',
      '11 r1#1 count 2 (tick 2)',
      '15 r1 is down, its task gone',
      '35 r1 is up, incarnation 2',
      '41 r1#2 count 1 (tick 5)',
      '51 r1#2 count 2 (tick 6)',
      '65 r1#2 finally',
    ]);
    expect(worldTrace(main)).toEqual([
      't=0 r1: boot incarnation 1',
      't=0 client: boot incarnation 1',
      't=0 client: send #1 client -> r1: "tick 1"',
      't=1 r1: deliver #1 client -> r1',
      't=10 client: send #2 client -> r1: "tick 2"',
      't=11 r1: deliver #2 client -> r1',
      't=15 r1: crash incarnation 1 [fault]',
      't=20 client: send #3 client -> r1: "tick 3"',
      't=21 world: drop #3 client -> r1 (r1 is down)',
      't=30 client: send #4 client -> r1: "tick 4"',
      't=31 world: drop #4 client -> r1 (r1 is down)',
      't=35 r1#2: restart incarnation 2',
      't=40 client: send #5 client -> r1: "tick 5"',
      't=41 r1#2: deliver #5 client -> r1',
      't=50 client: send #6 client -> r1: "tick 6"',
      't=51 r1#2: deliver #6 client -> r1',
    ]);
  });

  it('a message in flight when its sender crashes still arrives; one in flight to a host that restarts reaches the new incarnation', () => {
    const main = function* () {
      log.length = 0;
      const world = createWorld({ ...QUIET, latencyMinMs: 10 });
      world.host('r1', counter);
      world.host('client', function* (host: HostContext) {
        host.send('r1', 'before the crash');
        yield* sleep(100);
      });
      yield* sleep(1);
      world.crash('client');
      world.restart('r1');
      yield* sleep(20);
    };
    run(main());
    expect(log).toEqual(['10 r1#2 count 1 (before the crash)', '21 r1#2 finally']);
  });

  it('restart of a host that is up crashes it first (a reboot): its finally blocks do not run', () => {
    log.length = 0;
    run(
      (function* () {
        const world = createWorld(QUIET);
        const r1 = world.host('r1', counter);
        world.host('client', ticker('r1', 1));
        yield* sleep(5);
        world.restart('r1');
        log.push(`incarnation ${r1.incarnation}, ${r1.state}`);
        yield* sleep(5);
      })(),
    );
    expect(log).toEqual(['1 r1#1 count 1 (tick 1)', 'incarnation 2, up', '10 r1#2 finally']);
  });

  it('abandons every task, timer and pending call of the incarnation, and asserts nothing is left', () => {
    const traces = traceOf(function* () {
      const world = createWorld(QUIET);
      world.host('r1', function* (host: HostContext) {
        createTask((function* () {
          yield* sleep(1_000);
          log.push('timer task ran after the crash');
        })(), { name: 'sleeper' });
        getRunningLoop().callLater(500, () => log.push('callback ran after the crash'));
        yield* host.call('r2', 'never answered', { timeoutMs: 1_000 });
      });
      world.host('r2', function* () {});
      yield* sleep(10);
      world.crash('r1');
      yield* sleep(2_000);
    });
    expect(log.filter((line) => line.includes('after the crash'))).toEqual([]);
    // No step of r1's tasks after the crash.
    const crashAt = traces.findIndex((event) => event.type === 'world' && event.action === 'crash');
    expect(traces.slice(crashAt).filter((event) => 'task' in event && String(event.task).startsWith('r1/'))).toEqual([]);
  });

  it('refuses a host’s own code pulling its plug, and crashing or pausing a host that is down (HostDownError)', () => {
    const main = function* () {
      const world = createWorld(QUIET);
      const r1 = world.host('r1', function* () {
        world.crash('r1');
      });
      yield* sleep(1);
      void r1;
    };
    expect(() => run(main())).toThrow('the boot task of r1 raised RuntimeError: crash("r1") was called from r1\'s own code: a host cannot pull its own plug');
    const down = function* () {
      const world = createWorld(QUIET);
      world.host('r1', function* () {});
      yield* sleep(5);
      world.crash('r1');
      try {
        world.pause('r1');
      } catch (error) {
        log.push(`${(error as Error).name}: ${(error as Error).message} (${error instanceof HostDownError})`);
      }
      world.crash('r1');
    };
    log.length = 0;
    expect(() => run(down())).toThrow(new HostDownError('cannot crash r1: it is down (since t=5)', 'r1'));
    expect(log).toEqual(['HostDownError: cannot pause r1: it is down (since t=5) (true)']);
  });

  it('a context of an incarnation that crashed refuses to send (HostDownError)', () => {
    const main = function* () {
      const world = createWorld(QUIET);
      let context: HostContext | null = null;
      world.host('r1', function* (host: HostContext) {
        context = host;
      });
      world.host('r2', function* () {});
      yield* sleep(1);
      world.crash('r1');
      context!.send('r2', 'from beyond');
    };
    expect(() => run(main())).toThrow(
      "send on r1, an incarnation of r1 that crashed at t=1: its context is dead (the host's current context is the one its boot got last)",
    );
  });
});

describe('pause and resume: a frozen host', () => {
  it('keeps messages that arrive while paused in its mailbox and fires its timers shifted by the paused span', () => {
    const main = function* () {
      log.length = 0;
      const world = createWorld(QUIET);
      world.host('r1', function* (host: HostContext) {
        createTask(
          (function* () {
            yield* sleep(20);
            log.push(`${now()} r1 timer`);
          })(),
        );
        yield* counter(host);
      });
      world.host('client', ticker('r1', 3));
      yield* sleep(5);
      world.pause('r1');
      yield* sleep(30);
      world.resume('r1');
      yield* sleep(30);
    };
    run(main());
    expect(log).toEqual([
      '1 r1#1 count 1 (tick 1)',
      '35 r1#1 count 2 (tick 2)',
      '35 r1#1 count 3 (tick 3)',
      '50 r1 timer',
      '65 r1#1 finally',
    ]);
    expect(worldTrace(main).filter((line) => /pause|resume|deliver/.test(line))).toEqual([
      't=1 r1: deliver #1 client -> r1',
      't=5 r1: pause [fault]',
      't=11 r1: deliver #2 client -> r1',
      't=21 r1: deliver #3 client -> r1',
      't=35 r1: resume',
    ]);
  });

  it('resume of a host that is not paused is an error', () => {
    const main = function* () {
      const world = createWorld(QUIET);
      world.host('r1', function* () {});
      world.resume('r1');
      yield* sleep(0);
    };
    expect(() => run(main())).toThrow(new RuntimeError('cannot resume r1: it is not paused'));
  });
});

describe('random host faults (the crash stream)', () => {
  // Two hosts random faults may touch: a minority of two is none, so this test allows one.
  const options: WorldOptions = { ...QUIET, crashProbability: 0.1, pauseProbability: 0.1, maxHostsDown: 1 };
  const three = function* () {
    log.length = 0;
    const world = createWorld(options);
    world.host('r1', counter);
    world.host('r2', counter);
    world.host('client', ticker('r1', 4), { protected: true });
    yield* sleep(100);
  };

  it('crash the receiver just before a message reaches it, and restart it after a downtime bucket', () => {
    // Choice points of the crash stream: r1 at each delivery to it (r2 and the client are never asked: r2 gets nothing, the client is protected).
    expect(worldTrace(three, 'v2;crash=0,1,1')).toEqual([
      't=0 r1: boot incarnation 1',
      't=0 r2: boot incarnation 1',
      't=0 client: boot incarnation 1',
      't=0 client: send #1 client -> r1: "tick 1"',
      't=1 r1: deliver #1 client -> r1',
      't=10 client: send #2 client -> r1: "tick 2"',
      't=11 r1: crash incarnation 1 (random) [fault]',
      't=11 world: drop #2 client -> r1 (r1 is down)',
      't=20 client: send #3 client -> r1: "tick 3"',
      't=21 world: drop #3 client -> r1 (r1 is down)',
      't=30 client: send #4 client -> r1: "tick 4"',
      't=31 world: drop #4 client -> r1 (r1 is down)',
      't=57 r1#2: restart incarnation 2',
    ]);
  });

  it('pause the receiver, then resume it after a pause bucket; the message waits in its mailbox', () => {
    // Pause bucket 1: 37 ms (the buckets of 10 to 500 ms are 10, 37, 136 and 500).
    expect(worldTrace(three, 'v2;crash=2,1').filter((line) => /pause|resume|deliver/.test(line))).toEqual([
      't=1 r1: pause (random) [fault]',
      't=1 r1: deliver #1 client -> r1',
      't=11 r1: deliver #2 client -> r1',
      't=21 r1: deliver #3 client -> r1',
      't=31 r1: deliver #4 client -> r1',
      't=38 r1: resume',
    ]);
    expect(log.slice(0, 4)).toEqual(['38 r1#1 count 1 (tick 1)', '38 r1#1 count 2 (tick 2)', '38 r1#1 count 3 (tick 3)', '38 r1#1 count 4 (tick 4)']);
  });

  it('never takes down more than a minority: with r1 down, r2 and r3 are not asked', () => {
    const trio = function* () {
      const world = createWorld({ ...options, maxHostsDown: undefined });
      for (const name of ['r1', 'r2', 'r3']) world.host(name, counter);
      world.host('client', function* (host: HostContext) {
        for (let i = 0; i < 3; i++) {
          for (const name of ['r1', 'r2', 'r3']) host.send(name, 'x');
          yield* sleep(10);
        }
      }, { protected: true });
      yield* sleep(100);
    };
    // r1 crashes at its first delivery, for the longest downtime; then no host is asked again while it is down.
    expect(replay(trio, 'v2;crash=1,3,1,1,1,1').schedule).toBe('v2;crash=1,3');
    expect(worldTrace(trio, 'v2;crash=1,3').filter((line) => /crash|restart/.test(line))).toEqual(['t=1 r1: crash incarnation 1 (random) [fault]']);
  });

  it('crash the sender just after the step that sent, and never in the fault-free run', () => {
    const sender = function* () {
      log.length = 0;
      const world = createWorld(options);
      world.host('r1', counter, { protected: true });
      world.host('client', ticker('r1', 3));
      yield* sleep(50);
    };
    // The crash comes once the sending step is over; the client is down for the shortest downtime (10 ms), and its restart starts over.
    expect(worldTrace(sender, 'v2;crash=1').slice(0, 8)).toEqual([
      't=0 r1: boot incarnation 1',
      't=0 client: boot incarnation 1',
      't=0 client: send #1 client -> r1: "tick 1"',
      't=0 client: crash incarnation 1 (random) [fault]',
      't=1 r1: deliver #1 client -> r1',
      't=10 client#2: restart incarnation 2',
      't=10 client#2: send #2 client -> r1: "tick 1"',
      't=11 r1: deliver #2 client -> r1',
    ]);
    expect(worldTrace(sender).filter((line) => /crash|pause/.test(line))).toEqual([]);
  });
});

describe('boot', () => {
  it('a boot task that raises fails the run with HostError naming the incarnation', () => {
    const main = function* () {
      const world = createWorld(QUIET);
      world.host('r1', function* () {
        yield* sleep(1);
        throw new Error('bad config');
      });
      yield* sleep(10);
    };
    let caught: unknown;
    try {
      run(main());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HostError);
    expect((caught as HostError).message).toBe('the boot task of r1 raised Error: bad config');
    expect([(caught as HostError).host, ((caught as HostError).cause as Error).message]).toEqual(['r1', 'bad config']);
  });

  it('names, duplicates, bad boots and unknown hosts are clear errors', () => {
    const attempt = (body: (world: ReturnType<typeof createWorld>) => void) =>
      run(
        (function* () {
          body(createWorld(QUIET));
          yield* sleep(0);
        })(),
      );
    expect(() => attempt((world) => world.host('', function* () {}))).toThrow(`world.host(name, boot): name must be a non-empty string without spaces or '#', got ""`);
    expect(() => attempt((world) => world.host('r#1', function* () {}))).toThrow(`got "r#1"`);
    expect(() =>
      attempt((world) => {
        world.host('r1', function* () {});
        world.host('r1', function* () {});
      }),
    ).toThrow('world.host: there is a host named "r1" already');
    expect(() => attempt((world) => world.host('r1', 'boot' as never))).toThrow('world.host("r1", boot): boot must be a generator function (function* (host) { ... }), got string');
    expect(() => attempt((world) => world.host('r1', (() => 42) as never))).toThrow('the boot of r1 must be a generator function (function* (host) { ... }), but it returned 42');
    expect(() => attempt((world) => world.crash('r9'))).toThrow('world.crash: unknown host "r9" (the hosts are none yet)');
    expect(() => attempt((world) => world.host('r1', function* () {}, { protectd: true } as never))).toThrow(
      'world.host("r1"): unknown option "protectd" (the options are protected, clockOffsetMs, clockDriftPpm)',
    );
    expect(() =>
      run(
        (function* () {
          createWorld();
          createWorld();
          yield* sleep(0);
        })(),
      ),
    ).toThrow('createWorld: this run has a world already (one world per run)');
    expect(() => createWorld()).toThrow('no running event loop');
  });
});

describe('hosts share nothing but messages', () => {
  it('a host awaiting a future of another host is a RuntimeError naming both', () => {
    const main = function* () {
      const world = createWorld(QUIET);
      let shared: Future<number> | null = null;
      world.host('r1', function* () {
        shared = new Future<number>({ description: "Future 'shared'" });
        yield* sleep(100);
      });
      const r2 = world.host('r2', function* () {
        yield* sleep(1);
        return yield* shared!;
      });
      yield* r2.task!;
    };
    expect(() => run(main())).toThrow(
      "the boot task of r2 raised RuntimeError: Task 'r2/boot' of host r2 awaited Future 'shared' of host r1: hosts share nothing but messages (send it over the network, or await it from the same host)",
    );
  });
});

describe('the trace', () => {
  it('labels a host’s tasks host/task and an incarnation after the first r1#2', () => {
    const lines = worldLines(traceOf(function* () {
      const world = createWorld(QUIET);
      world.host('r1', counter);
      yield* sleep(1);
      world.restart('r1');
      yield* sleep(1);
    }));
    expect(lines).toEqual(['t=0 r1: boot incarnation 1', 't=1 r1: crash incarnation 1 [fault]', 't=1 r1#2: restart incarnation 2']);
  });
});
