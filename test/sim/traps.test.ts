import { describe, expect, it } from 'vitest';
import { createWorld, explore, replay, run, sleep, type HostContext } from '../../src/index.js';
import { QUIET } from './helpers.js';

function usingGlobal(use: () => unknown) {
  return function* main() {
    const world = createWorld(QUIET);
    const r1 = world.host('r1', function* (host: HostContext) {
      use();
      void host;
    });
    yield* r1.task!;
  };
}

describe('globals that would leak real time or randomness into a host', () => {
  const cases: Array<[string, () => unknown, string]> = [
    ['Math.random()', () => Math.random(), 'host.random(), which the run seeds and a replay repeats'],
    ['Date.now()', () => Date.now(), "host.clock.now(), the host's simulated wall clock"],
    ['performance.now()', () => performance.now(), "host.clock.now(), or getRunningLoop().time() for the loop's virtual time"],
    ['setTimeout()', () => setTimeout(() => undefined, 1), 'yield* sleep(ms), or loop.callLater(ms, callback)'],
    ['setInterval()', () => setInterval(() => undefined, 1), 'a task that loops over yield* sleep(ms)'],
    ['setImmediate()', () => setImmediate(() => undefined), 'yield* sleep(0), or loop.callSoon(callback)'],
  ];
  for (const [name, use, instead] of cases) {
    it(`${name} throws inside a host’s code when the world is explored, naming the replacement`, () => {
      expect(() => replay(usingGlobal(use), 'v1;')).toThrow(
        `the boot task of r1 raised RuntimeError: ${name} was called in the code of host r1: a simulated host must not read real time or randomness, or its runs cannot replay; use ${instead}`,
      );
    });
  }

  it('works as usual outside hosts, after the run, and under run() unless asked', () => {
    const outside: number[] = [];
    replay(function* () {
      createWorld(QUIET);
      outside.push(Math.random(), Date.now(), performance.now());
      yield* sleep(0);
    }, 'v1;');
    expect(outside.every((value) => typeof value === 'number')).toBe(true);
    expect(typeof Math.random()).toBe('number');
    expect(Object.getOwnPropertyDescriptor(performance, 'now')).toBeUndefined();
    expect(() => run(usingGlobal(() => Math.random())())).not.toThrow();
    expect(() => run((function* () {
      const world = createWorld({ trapGlobals: true });
      const r1 = world.host('r1', function* () {
        Date.now();
      });
      yield* r1.task!;
    })())).toThrow('Date.now() was called in the code of host r1');
  });

  it('are restored even when the run fails, and explore reports the trap as the failure', () => {
    const result = explore(usingGlobal(() => Math.random()), { runs: 5 });
    expect(result.failure?.failure.message).toMatch(/^the boot task of r1 raised RuntimeError: Math.random\(\) was called in the code of host r1/);
    expect(typeof Math.random()).toBe('number');
  });
});
