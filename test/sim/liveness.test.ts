import { describe, expect, it } from 'vitest';
import { createWorld, explore, LivenessError, replay, run, sleep, type HostContext } from '../../src/index.js';
import { QUIET, worldTrace } from './helpers.js';

/** Two replicas that gossip a value every 20 ms; r2 takes whatever it hears. */
function gossip(heal: boolean) {
  return function* main() {
    const world = createWorld(QUIET);
    const values = new Map<string, number>();
    world.host('r1', function* (host: HostContext) {
      values.set('r1', 7);
      for (;;) {
        host.send('r2', 7);
        yield* sleep(20);
      }
    });
    world.host('r2', function* (host: HostContext) {
      values.set('r2', 0);
      for (;;) values.set('r2', (yield* host.receive<number>()).message);
    });
    world.partition([['r1'], ['r2']]);
    yield* sleep(100);
    if (heal) yield* world.liveness(() => values.get('r2') === 7, { withinMs: 100 });
    else {
      world.rule(() => 'drop');
      yield* world.liveness(() => values.get('r2') === 7, { withinMs: 100 });
    }
  };
}

describe('the liveness phase', () => {
  it('heals the world (partitions repaired) and passes once the predicate holds', () => {
    expect(() => run(gossip(true)())).not.toThrow();
    const lines = worldTrace(gossip(true));
    expect(lines.filter((line) => /heal|repair/.test(line))).toEqual(['t=100 world: heal no new faults from now on', 't=100 world: repair 1 partition']);
  });

  it('fails with "no convergence within X ms after healing at t=Y" when it never holds', () => {
    let caught: unknown;
    try {
      run(gossip(false)());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LivenessError);
    expect((caught as LivenessError).message).toBe('no convergence within 100 ms after healing at t=100');
    expect((caught as LivenessError).healedAtMs).toBe(100);
  });

  it('restarts crashed hosts, resumes paused ones, and chooses no fault after healing', () => {
    const main = function* () {
      const world = createWorld({ ...QUIET, lossProbability: 0.5 });
      const up: string[] = [];
      world.host('r1', function* (host: HostContext) {
        up.push(`r1#${host.incarnation}`);
      });
      world.host('r2', function* () {});
      world.host('r3', function* (host: HostContext) {
        for (;;) {
          host.send('r2', 'ping');
          yield* sleep(10);
        }
      });
      yield* sleep(5);
      world.crash('r1');
      world.pause('r2');
      yield* world.liveness(() => up.includes('r1#2') && world.hosts().every((host) => host.state === 'up'), { withinMs: 50 });
      yield* sleep(100);
    };
    // Every drop choice after healing would be ignored: the line replays as if the choices were not there.
    expect(replay(main, 'v2;net=1x30').schedule).toBe('v2;net=1');
    expect(worldTrace(main).filter((line) => /heal|restart|resume/.test(line))).toEqual([
      't=5 world: heal no new faults from now on',
      't=5 r1#2: restart incarnation 2',
      't=5 r2: resume',
    ]);
  });

  it('checks its bound', () => {
    const main = function* () {
      yield* createWorld().liveness(() => true, { withinMs: -1 });
    };
    expect(() => run(main())).toThrow('world.liveness: withinMs must be a finite number of milliseconds ≥ 0, got -1');
  });

  it('explored: a system that never converges fails every run the same way', () => {
    const result = explore(gossip(false), { runs: 20 });
    expect(result.failure?.failure).toEqual({ kind: 'error', name: 'LivenessError', message: 'no convergence within 100 ms after healing at t=100' });
  });
});
