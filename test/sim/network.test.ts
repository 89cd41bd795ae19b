import { describe, expect, it } from 'vitest';
import { createWorld, explore, replay, run, sleep, toChromeTrace, type HostContext, type Rule, type World, type WorldOptions } from '../../src/index.js';
import { QUIET, worldTrace } from './helpers.js';

/** What host a received, in order: `sender:message`. */
const received: string[] = [];

/** A host that records every message it receives, as a string, in `received`. */
function* recorder(host: HostContext) {
  for (;;) received.push(String((yield* host.receive<number>()).message));
}

/**
 * Host b sends 0, 1, 2 to host a, one per millisecond; a records what
 * arrives. Only the faults in `options` are on; `setup` may add rules,
 * partitions or holds once both hosts run.
 */
function pair(options: WorldOptions, setup: (world: World) => void = () => undefined, sends = 3) {
  return function* main() {
    received.length = 0;
    const world = createWorld({ ...QUIET, ...options });
    world.host('a', function* (host: HostContext) {
      for (;;) {
        const { from, message } = yield* host.receive<number>();
        received.push(`${from}:${message}`);
      }
    });
    world.host('b', function* (host: HostContext) {
      for (let i = 0; i < sends; i++) {
        host.send('a', i);
        yield* sleep(1);
      }
    });
    setup(world);
    yield* sleep(200);
  };
}

describe('the network without faults', () => {
  it('delivers every message after the base latency, in order, under run() and at choice 0', () => {
    const main = pair({});
    run(main());
    expect(received).toEqual(['b:0', 'b:1', 'b:2']);
    expect(worldTrace(main)).toEqual([
      't=0 a: boot incarnation 1',
      't=0 b: boot incarnation 1',
      't=0 b: send #1 b -> a: 0',
      't=1 a: deliver #1 b -> a',
      't=1 b: send #2 b -> a: 1',
      't=2 a: deliver #2 b -> a',
      't=2 b: send #3 b -> a: 2',
      't=3 a: deliver #3 b -> a',
    ]);
  });

  it('takes latencyMinMs per message, and a host’s messages to itself take no time', () => {
    const log: string[] = [];
    run(
      (function* () {
        const world = createWorld({ latencyMinMs: 7 });
        world.host('a', function* (host: HostContext) {
          host.send('a', 'self');
          host.send('b', 'other');
          const { message } = yield* host.receive<string>();
          log.push(`${host.clock.now() - Date.UTC(2026, 0, 1)} a got ${message}`);
        });
        world.host('b', function* (host: HostContext) {
          const { message } = yield* host.receive<string>();
          log.push(`${host.clock.now() - Date.UTC(2026, 0, 1)} b got ${message}`);
        });
        yield* sleep(10);
      })(),
    );
    expect(log).toEqual(['0 a got self', '7 b got other']);
  });
});

describe('each network fault, with its exact trace', () => {
  it('loss: a dropped message never arrives', () => {
    const main = pair({ lossProbability: 0.1 });
    expect(worldTrace(main, 'v2;net=0,1')).toEqual([
      't=0 a: boot incarnation 1',
      't=0 b: boot incarnation 1',
      't=0 b: send #1 b -> a: 0',
      't=1 a: deliver #1 b -> a',
      't=1 b: send #2 b -> a: 1',
      't=1 world: drop #2 b -> a (loss) [fault]',
      't=2 b: send #3 b -> a: 2',
      't=3 a: deliver #3 b -> a',
    ]);
    expect(received).toEqual(['b:0', 'b:2']);
  });

  it('latency: a message in a later bucket arrives late, and so after messages sent after it (reordering)', () => {
    const main = pair({ latencyMeanMs: 10 });
    expect(worldTrace(main, 'v2;net=0,7')).toEqual([
      't=0 a: boot incarnation 1',
      't=0 b: boot incarnation 1',
      't=0 b: send #1 b -> a: 0',
      't=1 a: deliver #1 b -> a',
      't=1 b: send #2 b -> a: 1 (in 100 ms) [fault]',
      't=2 b: send #3 b -> a: 2',
      't=3 a: deliver #3 b -> a',
      't=101 a: deliver #2 b -> a',
    ]);
    expect(received).toEqual(['b:0', 'b:2', 'b:1']);
    // The buckets of the default options (1 to 100 ms): 1, 3, 4, 7, 13, 26, 51, 100.
    const delays = [1, 2, 3, 4, 5, 6].map((bucket) => worldTrace(main, `v2;net=${bucket}`)[2]);
    expect(delays).toEqual([3, 4, 7, 13, 26, 51].map((ms) => `t=0 b: send #1 b -> a: 0 (in ${ms} ms) [fault]`));
  });

  it('duplication: a second copy arrives after its own latency, and each copy is a copy of its own', () => {
    const main = pair({ duplicateProbability: 0.1 });
    expect(worldTrace(main, 'v2;net=0,3')).toEqual([
      't=0 a: boot incarnation 1',
      't=0 b: boot incarnation 1',
      't=0 b: send #1 b -> a: 0',
      't=1 a: deliver #1 b -> a',
      't=1 b: send #2 b -> a: 1',
      't=1 world: duplicate #2 b -> a (copy 2 in 4 ms) [fault]',
      't=2 a: deliver #2 b -> a',
      't=2 b: send #3 b -> a: 2',
      't=3 a: deliver #3 b -> a',
      't=5 a: deliver #2 b -> a (copy 2)',
    ]);
    expect(received).toEqual(['b:0', 'b:1', 'b:2', 'b:1']);
  });

  it('a random partition: cut one way for its duration, with every message across it lost', () => {
    const main = pair({ partitionProbability: 0.1 });
    // At the second send: split 1 (b on the far side), direction 1 (the far side's messages stop), duration bucket 0 (100 ms).
    expect(worldTrace(main, 'v2;net=0,1,1')).toEqual([
      't=0 a: boot incarnation 1',
      't=0 b: boot incarnation 1',
      't=0 b: send #1 b -> a: 0',
      't=1 a: deliver #1 b -> a',
      't=1 world: partition {a} <-/- {b} (random, for 100 ms) [fault]',
      't=1 b: send #2 b -> a: 1',
      't=1 world: drop #2 b -> a (partition) [fault]',
      't=2 b: send #3 b -> a: 2',
      't=2 world: drop #3 b -> a (partition) [fault]',
      't=101 world: repair {a} <-/- {b}',
    ]);
    // Direction 2 cuts only the messages to b: b's messages to a still arrive.
    expect(worldTrace(main, 'v2;net=0,1,2')).toContain('t=1 world: partition {a} -/-> {b} (random, for 100 ms) [fault]');
    expect(received).toEqual(['b:0', 'b:1', 'b:2']);
  });

  it('a clog: the link holds every message until it clears, then delivers them in order', () => {
    const main = pair({ clogProbability: 0.1 });
    expect(worldTrace(main, 'v2;net=1,2')).toEqual([
      't=0 a: boot incarnation 1',
      't=0 b: boot incarnation 1',
      't=0 world: clog b -> a for 136 ms [fault]',
      't=0 b: send #1 b -> a: 0',
      't=1 world: hold #1 b -> a (clogged) [fault]',
      't=1 b: send #2 b -> a: 1',
      't=2 world: hold #2 b -> a (clogged) [fault]',
      't=2 b: send #3 b -> a: 2',
      't=3 world: hold #3 b -> a (clogged) [fault]',
      't=136 world: release b -> a (clog over)',
      't=136 a: deliver #1 b -> a',
      't=136 a: deliver #2 b -> a',
      't=136 a: deliver #3 b -> a',
    ]);
  });

  it('capacity: a link full of messages in flight drops the next one', () => {
    const burst = function* () {
      received.length = 0;
      const world = createWorld({ ...QUIET, linkCapacity: 2 });
      world.host('a', recorder);
      world.host('b', function* (host: HostContext) {
        for (let i = 0; i < 4; i++) host.send('a', i);
        yield* sleep(5);
        host.send('a', 4);
      });
      yield* sleep(20);
    };
    expect(worldTrace(burst).filter((line) => /drop|deliver/.test(line))).toEqual([
      't=0 world: drop #3 b -> a (capacity) [fault]',
      't=0 world: drop #4 b -> a (capacity) [fault]',
      't=1 a: deliver #1 b -> a',
      't=1 a: deliver #2 b -> a',
      't=6 a: deliver #5 b -> a',
    ]);
    expect(received).toEqual(['0', '1', '4']);
  });
});

describe('partitions and holds made by the test', () => {
  it('partition(groups) cuts both ways until repair(); what was in flight across it is lost', () => {
    const main = pair({ latencyMinMs: 5 }, (world) => {
      // Message #1 left at t=0 and is due at t=5: the partition at t=0 loses it.
      world.partition([['a'], ['b']]);
    });
    const wrapped = function* () {
      yield* main();
    };
    expect(worldTrace(wrapped)).toEqual([
      't=0 a: boot incarnation 1',
      't=0 b: boot incarnation 1',
      't=0 world: partition {a} | {b} [fault]',
      't=0 b: send #1 b -> a: 0',
      't=0 world: drop #1 b -> a (partition) [fault]',
      't=1 b: send #2 b -> a: 1',
      't=1 world: drop #2 b -> a (partition) [fault]',
      't=2 b: send #3 b -> a: 2',
      't=2 world: drop #3 b -> a (partition) [fault]',
    ]);
  });

  it('a message already in flight when the partition starts is lost, even if the partition heals before it would arrive', () => {
    const main = function* () {
      received.length = 0;
      const world = createWorld({ ...QUIET, latencyMinMs: 10 });
      world.host('a', recorder);
      world.host('b', function* (host: HostContext) {
        host.send('a', 1);
        yield* sleep(5);
        host.send('a', 2);
      });
      yield* sleep(2);
      world.partition([['a'], ['b']]);
      yield* sleep(1);
      world.repair();
      yield* sleep(30);
    };
    expect(worldTrace(main)).toEqual([
      't=0 a: boot incarnation 1',
      't=0 b: boot incarnation 1',
      't=0 b: send #1 b -> a: 1',
      't=2 world: partition {a} | {b} [fault]',
      't=3 world: repair 1 partition',
      't=5 b: send #2 b -> a: 2',
      't=10 world: drop #1 b -> a (partition) [fault]',
      't=15 a: deliver #2 b -> a',
    ]);
    expect(received).toEqual(['2']);
  });

  it('partitionOneWay(from, to) stops one direction only', () => {
    const log: string[] = [];
    run(
      (function* () {
        const world = createWorld();
        for (const name of ['a', 'b']) {
          world.host(name, function* (host: HostContext) {
            for (;;) log.push(`${name} got ${(yield* host.receive<string>()).message}`);
          });
        }
        world.partitionOneWay('a', 'b');
        world.host('c', function* (host: HostContext) {
          host.send('a', 'hello a');
          host.send('b', 'hello b');
        });
        yield* sleep(5);
      })(),
    );
    expect(log).toEqual(['a got hello a', 'b got hello b']);
    const main = pair({}, (world) => world.partitionOneWay('b', 'a'));
    expect(worldTrace(main).filter((line) => /partition|drop|deliver/.test(line))).toEqual([
      't=0 world: partition {b} -/-> {a} [fault]',
      't=0 world: drop #1 b -> a (partition) [fault]',
      't=1 world: drop #2 b -> a (partition) [fault]',
      't=2 world: drop #3 b -> a (partition) [fault]',
    ]);
  });

  it('hold(a, b) keeps messages in flight, in order, until release(a, b) (turmoil’s hold)', () => {
    const main = function* () {
      received.length = 0;
      const world = createWorld(QUIET);
      world.host('a', recorder);
      world.host('b', function* (host: HostContext) {
        for (let i = 0; i < 3; i++) host.send('a', i);
      });
      world.hold('a', 'b');
      yield* sleep(50);
      world.release('a', 'b');
      yield* sleep(1);
    };
    expect(worldTrace(main)).toEqual([
      't=0 a: boot incarnation 1',
      't=0 b: boot incarnation 1',
      't=0 world: hold a <-> b [fault]',
      't=0 b: send #1 b -> a: 0',
      't=0 b: send #2 b -> a: 1',
      't=0 b: send #3 b -> a: 2',
      't=1 world: hold #1 b -> a (held) [fault]',
      't=1 world: hold #2 b -> a (held) [fault]',
      't=1 world: hold #3 b -> a (held) [fault]',
      't=50 world: release a <-> b',
      't=50 a: deliver #1 b -> a',
      't=50 a: deliver #2 b -> a',
      't=50 a: deliver #3 b -> a',
    ]);
    expect(received).toEqual(['0', '1', '2']);
  });
});

describe('rules: targeted faults, the first verdict that is not pass decides', () => {
  const withRule = (rule: Rule) => pair({}, (world) => void world.rule(rule));

  it('drop, and deliverAfterMs, and duplicate', () => {
    expect(worldTrace(withRule((envelope) => (envelope.message === 1 ? 'drop' : 'pass'))).filter((line) => /drop|deliver/.test(line))).toEqual([
      't=1 a: deliver #1 b -> a',
      't=1 world: drop #2 b -> a (rule 1) [fault]',
      't=3 a: deliver #3 b -> a',
    ]);
    expect(worldTrace(withRule((envelope) => (envelope.message === 0 ? { deliverAfterMs: 50 } : 'pass'))).filter((line) => /send|deliver/.test(line))).toEqual([
      't=0 b: send #1 b -> a: 0 (in 50 ms) [fault]',
      't=1 b: send #2 b -> a: 1',
      't=2 a: deliver #2 b -> a',
      't=2 b: send #3 b -> a: 2',
      't=3 a: deliver #3 b -> a',
      't=50 a: deliver #1 b -> a',
    ]);
    run(withRule((envelope) => (envelope.message === 2 ? 'duplicate' : 'pass'))());
    expect(received).toEqual(['b:0', 'b:1', 'b:2', 'b:2']);
  });

  it('hold keeps the message until the rule is removed; the handle removes the rule', () => {
    const main = function* () {
      received.length = 0;
      const world = createWorld(QUIET);
      world.host('a', recorder);
      const handle = world.rule((envelope) => (envelope.message === 0 ? 'hold' : 'pass'));
      world.host('b', function* (host: HostContext) {
        host.send('a', 0);
        host.send('a', 1);
      });
      yield* sleep(10);
      handle.remove();
      handle.remove();
      yield* sleep(10);
    };
    expect(worldTrace(main).filter((line) => /hold|deliver/.test(line))).toEqual([
      't=0 world: hold #1 b -> a (rule 1) [fault]',
      't=1 a: deliver #2 b -> a',
      't=10 a: deliver #1 b -> a',
    ]);
    expect(received).toEqual(['1', '0']);
  });

  it('rules run in install order and see every message between two hosts', () => {
    const seen: string[] = [];
    run(
      pair({}, (world) => {
        world.rule((envelope) => {
          seen.push(`first ${envelope.kind} #${envelope.id} ${envelope.from}->${envelope.to} ${String(envelope.message)}`);
          return 'pass';
        });
        world.rule((envelope) => {
          seen.push(`second #${envelope.id}`);
          return envelope.id === 1 ? 'drop' : 'pass';
        });
        world.rule(() => {
          seen.push('never: an earlier rule decided or passed last');
          return 'pass';
        });
      }, 2)(),
    );
    expect(seen).toEqual(['first message #1 b->a 0', 'second #1', 'first message #2 b->a 1', 'second #2', 'never: an earlier rule decided or passed last']);
  });

  it('a bad verdict is a clear error naming the rule', () => {
    expect(() => run(withRule(() => 'dorp' as never)())).toThrow(
      `network rule 1 returned "dorp": a rule returns 'pass', 'drop', 'hold', 'duplicate' or { deliverAfterMs }`,
    );
    expect(() => run(withRule(() => ({ deliverAfterMs: -5 }))())).toThrow(
      'network rule 1 returned { deliverAfterMs: -5 }: a latency must be a finite number of milliseconds ≥ 0',
    );
  });
});

describe('messages are copies', () => {
  it('a message mutated after send arrives as it was sent, and the receiver owns its copy', () => {
    const got: unknown[] = [];
    run(
      (function* () {
        const world = createWorld();
        const shared = { list: [1, 2], nested: { when: new Date(0) } };
        world.host('a', function* (host: HostContext) {
          const first = yield* host.receive<typeof shared>();
          const second = yield* host.receive<typeof shared>();
          got.push(first.message, second.message, first.message !== second.message, first.message.nested.when instanceof Date);
        });
        world.host('b', function* (host: HostContext) {
          host.send('a', shared);
          shared.list.push(3);
          host.send('a', shared);
          shared.nested.when.setTime(5);
        });
        yield* sleep(5);
      })(),
    );
    expect(got).toEqual([{ list: [1, 2], nested: { when: new Date(0) } }, { list: [1, 2, 3], nested: { when: new Date(0) } }, true, true]);
  });

  it('keeps cycles and shared references, as structuredClone does', () => {
    let got: { self?: unknown; left?: unknown; right?: unknown } = {};
    run(
      (function* () {
        const world = createWorld();
        world.host('a', function* (host: HostContext) {
          got = (yield* host.receive<typeof got>()).message;
        });
        world.host('b', function* (host: HostContext) {
          const part = { x: 1 };
          const message: { self?: unknown; left: unknown; right: unknown } = { left: part, right: part };
          message.self = message;
          host.send('a', message);
        });
        yield* sleep(5);
      })(),
    );
    expect(got.self).toBe(got);
    expect(got.left).toBe(got.right);
  });

  it('an uncloneable message is an error at send, naming what cannot be copied and where', () => {
    const sendBad = (message: unknown) =>
      function* () {
        const world = createWorld();
        world.host('a', function* () {});
        const b = world.host('b', function* (host: HostContext) {
          host.send('a', message);
        });
        yield* b.task!;
      };
    expect(() => run(sendBad({ op: 'put', callback: () => 1 })())).toThrow(
      'the boot task of b raised TypeError: b sent a a message that cannot be copied: message.callback is a function. Messages cross hosts as copies, as structuredClone makes them: plain data, no functions or symbols',
    );
    expect(() => run(sendBad({ items: [1, { tag: Symbol('x') }] })())).toThrow('message.items[1].tag is a symbol');
    expect(() => run(sendBad({ cache: new Map([['k', () => 1]]) })())).toThrow(/message\.cache is a Map \(structuredClone refused it: .*could not be cloned/);
  });
});

describe('unknown hosts', () => {
  it('sending to a host that does not exist is an error naming the sender and the hosts there are', () => {
    const main = function* () {
      const world = createWorld();
      const a = world.host('a', function* (host: HostContext) {
        host.send('nobody', 1);
      });
      yield* a.task!;
    };
    expect(() => run(main())).toThrow('the boot task of a raised RuntimeError: a: send: unknown host "nobody" (the hosts are a)');
  });
});

/** Host b sends `count` messages to host a at once, each lost with `lossProbability`; main fails if any is lost. */
function lossy(count: number, lossProbability: number) {
  return function* lossy() {
    received.length = 0;
    const world = createWorld({ ...QUIET, lossProbability });
    world.host('a', recorder);
    world.host('b', function* (host: HostContext) {
      for (let i = 0; i < count; i++) host.send('a', i);
    });
    yield* sleep(10);
    if (received.length !== count) throw new Error(`${count - received.length} messages lost`);
  };
}

describe('explored', () => {
  it('finds a run where a message is lost and shrinks it to that one drop', () => {
    const main = lossy(5, 0.2);
    const result = explore(main, { runs: 200, seed: 1 });
    expect(result.failure?.shrunkFailure.message).toBe('1 messages lost');
    expect(result.failure?.shrunk.schedule).toBe('v2;net=1');
    expect(() => replay(main, 'v2;net=1')).toThrow('1 messages lost');
    expect(replay(main, 'v1;').schedule).toBe('v1;');
  });
});

describe('exhaustive search over the world’s faults', () => {
  it('tries no fault without a bound (every schedule passes), then each single fault with faults: 1, and finds the lost message', () => {
    const main = lossy(3, 0.01);
    const none = explore(main, { policy: 'exhaustive' });
    expect([none.failure, none.coverage?.complete, none.coverage?.boundReached]).toEqual([null, true, true]); // the bound: no fault
    const one = explore(main, { policy: 'exhaustive', faults: 1 });
    expect(one.failure?.shrunk.schedule).toBe('v2;net=1');
  });
});

describe('the Chrome trace of a world', () => {
  it('puts each host in a process of its own and joins each send to its delivery', () => {
    const { trace } = replay(pair({}), 'v1;');
    const chrome = toChromeTrace(trace);
    const processes = chrome.traceEvents.filter((event) => event.name === 'process_name').map((event) => event.args?.['name']);
    expect(processes).toEqual(['simloop', 'host a', 'host b']);
    const flows = chrome.traceEvents.filter((event) => event.ph === 's' || event.ph === 'f').map((event) => `${event.ph} ${event.id} pid ${event.pid}`);
    expect(flows).toEqual(['s 1 pid 3', 'f 1 pid 2', 's 2 pid 3', 'f 2 pid 2', 's 3 pid 3', 'f 3 pid 2']);
  });
});
