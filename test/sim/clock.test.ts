import { describe, expect, it } from 'vitest';
import { createWorld, explore, run, sleep, type HostContext, type WorldOptions } from '../../src/index.js';
import { QUIET, worldTrace } from './helpers.js';

const EPOCH = Date.UTC(2026, 0, 1);
const readings: string[] = [];

/** Host r1 reads its wall clock at t = 0, 1000, 2000 (virtual ms) and records its offset from virtual time. */
function reader(options: WorldOptions, hostOptions = {}) {
  return function* main() {
    readings.length = 0;
    const world = createWorld({ ...QUIET, ...options });
    const r1 = world.host('r1', function* (host: HostContext) {
      for (let i = 0; i < 3; i++) {
        readings.push(`${host.clock.now() - EPOCH - 1000 * i}`);
        yield* sleep(1_000);
      }
    }, hostOptions);
    yield* r1.task!;
  };
}

describe('a host’s wall clock', () => {
  it('reads the epoch plus virtual time, as Date.now() would in a fault-free world', () => {
    run(reader({})());
    expect(readings).toEqual(['0', '0', '0']);
  });

  it('has a fixed offset and a fixed drift when the host is given them', () => {
    run(reader({}, { clockOffsetMs: -250, clockDriftPpm: 1_000 })());
    expect(readings).toEqual(['-250', '-249', '-248']);
  });

  it('drifts by a chosen step of clockDriftMaxPpm when the run explores (stream clock)', () => {
    // Drift choice 5 is +clockDriftMaxPpm: 100,000 ppm is 100 ms per second.
    run(reader({ clockDriftMaxPpm: 100_000 })());
    expect(readings).toEqual(['0', '0', '0']);
    worldTrace(reader({ clockDriftMaxPpm: 100_000 }), 'v2;clock=5');
    expect(readings).toEqual(['0', '100', '200']);
    worldTrace(reader({ clockDriftMaxPpm: 100_000 }), 'v2;clock=2');
    expect(readings).toEqual(['0', '-25', '-50']);
  });

  it('jumps at a read, within ±clockSkewMaxMs, and the trace shows it', () => {
    const main = reader({ clockJumpProbability: 0.1, clockSkewMaxMs: 400 });
    // At the second read: a jump (1) of size choice 4 (the whole bound, forward); at the third: another, which the bound stops.
    expect(worldTrace(main, 'v2;clock=0,1,4,1,4')).toEqual([
      't=0 r1: boot incarnation 1',
      't=1000 r1: clock-jump +400 ms (offset now 400 ms) [fault]',
      't=2000 r1: clock-jump +0 ms (offset now 400 ms) [fault]',
    ]);
    expect(readings).toEqual(['0', '400', '400']);
    worldTrace(main, 'v2;clock=1,1');
    expect(readings).toEqual(['-100', '-100', '-100']);
  });

  it('keeps its offset across a crash: the clock belongs to the machine', () => {
    readings.length = 0;
    run(
      (function* () {
        const world = createWorld({ ...QUIET });
        const read = function* (host: HostContext) {
          readings.push(`${host.incarnation}: ${host.clock.now() - EPOCH}`);
        };
        world.host('r1', read, { clockOffsetMs: 300 });
        yield* sleep(10);
        world.restart('r1');
        yield* sleep(10);
      })(),
    );
    expect(readings).toEqual(['1: 300', '2: 310']);
  });

  it('an offset beyond the world’s bound is an error naming both', () => {
    expect(() =>
      run(
        (function* () {
          createWorld({ clockSkewMaxMs: 100 }).host('r1', function* () {}, { clockOffsetMs: 500 });
          yield* sleep(0);
        })(),
      ),
    ).toThrow('world.host("r1"): clockOffsetMs 500 is beyond the world\'s clockSkewMaxMs (100)');
  });

  it('a lease trusted across skewed clocks is found unsafe by exploration', () => {
    // r1 holds a lease until its own clock says 1000 ms past its grant; r2 takes over 100 ms after that.
    // With r1's clock behind, both think they hold it at once: explore finds a clock jump or drift that shows it.
    const overlap = function* () {
      const world = createWorld({ ...QUIET, clockJumpProbability: 0.2, clockSkewMaxMs: 500 });
      let holders = 0;
      let worst = 0;
      for (const [name, startMs] of [['r1', 0], ['r2', 1_100]] as const) {
        world.host(name, function* (host: HostContext) {
          yield* sleep(startMs);
          const until = host.clock.now() + 1_000;
          holders++;
          worst = Math.max(worst, holders);
          while (host.clock.now() < until) yield* sleep(50);
          holders--;
        });
      }
      yield* sleep(3_000);
      if (worst > 1) throw new Error('two hosts held the lease at once');
    };
    const result = explore(overlap, { runs: 300, seed: 4 });
    expect(result.failure?.failure.message).toBe('two hosts held the lease at once');
    expect(result.failure?.shrunk.schedule).toMatch(/^v2;clock=/);
  });
});
