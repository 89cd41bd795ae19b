import { describe, expect, it } from 'vitest';
import { createWorld, explore, formatReport, run, sleep, type HostContext, type WorldOptions } from '../../src/index.js';

function withOptions(options: WorldOptions) {
  return () =>
    run(
      (function* () {
        createWorld(options);
        yield* sleep(0);
      })(),
    );
}

describe('world options', () => {
  it('are checked at construction, each error naming the option', () => {
    expect(withOptions({ lossProbability: 1.5 })).toThrow('createWorld: lossProbability must be a probability in [0, 1], got 1.5');
    expect(withOptions({ duplicateProbability: -0.1 })).toThrow('createWorld: duplicateProbability must be a probability in [0, 1], got -0.1');
    expect(withOptions({ latencyMinMs: -1 })).toThrow('createWorld: latencyMinMs must be a finite number ≥ 0, got -1');
    expect(withOptions({ latencyMinMs: 200 })).toThrow('createWorld: latencyMinMs (200) must not be above latencyMaxMs (100)');
    expect(withOptions({ linkCapacity: 0 })).toThrow('createWorld: linkCapacity must be a whole number ≥ 1, got 0');
    expect(withOptions({ maxHostsDown: 1.5 })).toThrow('createWorld: maxHostsDown must be a whole number ≥ 0, got 1.5');
    expect(withOptions({ lossProbability: '0.1' as never })).toThrow('createWorld: lossProbability must be a number, got "0.1"');
    expect(withOptions({ trapGlobals: 1 as never })).toThrow('createWorld: trapGlobals must be true or false, got 1');
    expect(withOptions({ loss: 0.1 } as never)).toThrow(/^createWorld: unknown option "loss" \(the options are latencyMeanMs, lossProbability, /);
  });

  it('per-link overrides are checked against the world’s options', () => {
    const link = (options: object) => () =>
      run(
        (function* () {
          const world = createWorld();
          world.host('a', function* () {});
          world.host('b', function* () {});
          world.link('a', 'b', options);
          yield* sleep(0);
        })(),
      );
    expect(link({ latencyMinMs: -5 })).toThrow('world.link("a", "b"): latencyMinMs must be a finite number ≥ 0, got -5');
    expect(link({ latencyMinMs: 150 })).toThrow('world.link("a", "b"): latencyMinMs (150) must not be above latencyMaxMs (100)');
    expect(link({ clogProbability: 0.5 })).toThrow('world.link("a", "b"): unknown option "clogProbability"');
    expect(link({ latencyMinMs: 40, latencyMaxMs: 400 })).not.toThrow();
  });

  it('a per-link latency applies to both directions of that link only', () => {
    const arrivals: string[] = [];
    run(
      (function* () {
        const world = createWorld();
        const listen = function* (host: HostContext) {
          for (;;) {
            const { from } = yield* host.receive();
            arrivals.push(`${world.loop.time()} ${from}->${host.name}`);
          }
        };
        world.host('c', listen);
        world.host('b', function* (host: HostContext) {
          host.send('a', 'hi');
          yield* listen(host);
        });
        world.host('a', function* (host: HostContext) {
          host.send('b', 'hi');
          host.send('c', 'hi');
          yield* listen(host);
        });
        world.link('a', 'b', { latencyMinMs: 30, latencyMaxMs: 30 });
        yield* sleep(50);
      })(),
    );
    expect(arrivals).toEqual(['1 a->c', '30 b->a', '30 a->b']);
  });

  it('swarm parameters are drawn per explored run unless fixed, and the report prints them', () => {
    const lossy = function* () {
      const world = createWorld({ crashProbability: 0, lossProbability: 0.25 });
      const r1 = world.host('r1', function* (host: HostContext) {
        host.send('r1', 'x');
      });
      yield* r1.task!;
      throw new Error('report me');
    };
    const report = formatReport(explore(lossy, { runs: 3, seed: 5 }));
    const swarm = report.find((line) => line.startsWith('  swarm:'))!;
    expect(swarm).toMatch(/^ {2}swarm: latencyMeanMs=[\d.]+, duplicateProbability=[\d.]+, partitionProbability=[\d.]+, clogProbability=[\d.]+, pauseProbability=[\d.]+, clockJumpProbability=[\d.]+$/);
  });
});
