import { describe, expect, it } from 'vitest';
import { createTask, createWorld, getRunningLoop, RemoteError, run, sleep, type HostContext } from '../../src/index.js';
import { QUIET, worldTrace } from './helpers.js';

const log: string[] = [];
const now = (): number => getRunningLoop().time();

/** A key-value server: get and put, with a slow path for keys starting with `slow`. */
function* kv(host: HostContext) {
  const store = new Map<string, number>();
  host.serve(function* (request: { op: 'get' | 'put' | 'fail'; key: string; value?: number }, from: string) {
    if (request.key.startsWith('slow')) yield* sleep(50);
    if (request.op === 'fail') throw new RangeError(`no such op for ${from}`);
    if (request.op === 'put') store.set(request.key, request.value ?? 0);
    return store.get(request.key) ?? null;
  });
}

function client(body: (host: HostContext) => Generator<unknown, void, unknown>) {
  return function* () {
    log.length = 0;
    const world = createWorld(QUIET);
    world.host('server', kv);
    const c = world.host('client', body as never, { protected: true });
    yield* c.task!;
    return world;
  };
}

describe('call and serve', () => {
  it('a call returns the handler’s response after a round trip', () => {
    const main = client(function* (host) {
      const put = yield* host.call<number>('server', { op: 'put', key: 'a', value: 7 }, { timeoutMs: 100 });
      const got = yield* host.call<number>('server', { op: 'get', key: 'a' }, { timeoutMs: 100 });
      log.push(`${now()} put ${put} got ${got}`);
    });
    run(main());
    expect(log).toEqual(['4 put 7 got 7']);
    expect(worldTrace(main)).toEqual([
      't=0 server: boot incarnation 1',
      't=0 client: boot incarnation 1',
      't=0 client: send #1 client -> server call #1: {"op":"put","key":"a","value":7}',
      't=1 server: deliver #1 client -> server call #1',
      't=1 server: send #2 server -> client reply to call #1: 7',
      't=2 client: deliver #2 server -> client reply to call #1',
      't=2 client: send #3 client -> server call #2: {"op":"get","key":"a"}',
      't=3 server: deliver #3 client -> server call #2',
      't=3 server: send #4 server -> client reply to call #2: 7',
      't=4 client: deliver #4 server -> client reply to call #2',
    ]);
  });

  it('handlers run concurrently, each request in a task of its own', () => {
    run(
      client(function* (host) {
        const slow = createTask(host.call<null>('server', { op: 'get', key: 'slow' }, { timeoutMs: 100 }));
        const fast = yield* host.call<null>('server', { op: 'get', key: 'fast' }, { timeoutMs: 100 });
        log.push(`${now()} fast answered ${fast}`);
        const slowAnswer = yield* slow;
        log.push(`${now()} slow answered ${slowAnswer}`);
      })(),
    );
    expect(log).toEqual(['2 fast answered null', '52 slow answered null']);
  });

  it('a call to a host that is down, or cut off, ends in its timeout, like a slow one', () => {
    const main = function* () {
      log.length = 0;
      const world = createWorld(QUIET);
      world.host('server', kv);
      world.host('client', function* (host: HostContext) {
        for (let i = 0; i < 3; i++) {
          try {
            yield* host.call('server', { op: 'get', key: 'slow' }, { timeoutMs: 20 });
          } catch (error) {
            log.push(`${now()} ${(error as Error).name}: ${(error as Error).message}`);
          }
        }
      }, { protected: true });
      yield* sleep(1);
      world.crash('server');
      yield* sleep(100);
    };
    run(main());
    expect(log).toEqual([
      '20 TimeoutError: call #1 from client to server got no response within 20 ms',
      '40 TimeoutError: call #2 from client to server got no response within 20 ms',
      '60 TimeoutError: call #3 from client to server got no response within 20 ms',
    ]);
  });

  it('a response that arrives after its call timed out is dropped, and a later call is not confused by it', () => {
    const main = client(function* (host) {
      try {
        yield* host.call('server', { op: 'get', key: 'slow-a' }, { timeoutMs: 10 });
      } catch (error) {
        log.push(`${now()} ${(error as Error).name}`);
      }
      yield* sleep(100);
      const answer = yield* host.call('server', { op: 'get', key: 'b' }, { timeoutMs: 10 });
      log.push(`${now()} ${String(answer)}`);
    });
    run(main());
    expect(log).toEqual(['10 TimeoutError', '112 null']);
    expect(worldTrace(main)).toContain('t=52 client: deliver #2 server -> client reply to call #1 (no call waits for it)');
  });

  it('an error the handler raises reaches the caller as a RemoteError', () => {
    run(
      client(function* (host) {
        try {
          yield* host.call('server', { op: 'fail', key: 'x' }, { timeoutMs: 100 });
        } catch (error) {
          log.push(`${(error as Error).name} from ${(error as RemoteError).host}: ${(error as Error).message}`);
        }
      })(),
    );
    expect(log).toEqual(['RemoteError from server: call #1 to server: its handler raised RangeError: no such op for client']);
  });

  it('bad calls are clear errors: no timeout given, serving twice', () => {
    const noTimeout = client(function* (host) {
      yield* host.call('server', 'x', {} as never);
    });
    expect(() => run(noTimeout())).toThrow('call(to, request, { timeoutMs }): timeoutMs must be a number of milliseconds, or null for no limit; got undefined');
    const twice = function* () {
      const world = createWorld(QUIET);
      const s = world.host('server', function* (host: HostContext) {
        host.serve(function* () {});
        host.serve(function* () {});
      });
      yield* s.task!;
    };
    expect(() => run(twice())).toThrow('the boot task of server raised RuntimeError: server serves already: one handler per incarnation');
  });

  it('receive with a timeout raises TimeoutError naming the host and the port', () => {
    expect(() =>
      run(
        (function* () {
          const world = createWorld(QUIET);
          const a = world.host('a', function* (host: HostContext) {
            yield* host.receive({ port: 'gossip', timeoutMs: 25 });
          });
          yield* a.task!;
        })(),
      ),
    ).toThrow('the boot task of a raised TimeoutError: a received nothing on port gossip within 25 ms');
  });

  it('ports keep separate mailboxes', () => {
    run(
      (function* () {
        log.length = 0;
        const world = createWorld(QUIET);
        world.host('a', function* (host: HostContext) {
          const gossip = yield* host.receive<string>({ port: 'gossip' });
          const plain = yield* host.receive<string>();
          log.push(`${gossip.message} on ${gossip.port}, ${plain.message} on ${plain.port}`);
        });
        world.host('b', function* (host: HostContext) {
          host.send('a', 'plain');
          host.send('a', 'rumour', { port: 'gossip' });
        });
        yield* sleep(5);
      })(),
    );
    expect(log).toEqual(['rumour on gossip, plain on default']);
  });
});
