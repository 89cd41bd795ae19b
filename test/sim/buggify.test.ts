import { describe, expect, it } from 'vitest';
import { buggify, createWorld, explore, replay, run, sleep, type HostContext } from '../../src/index.js';
import { QUIET, worldTrace } from './helpers.js';

const fired: string[] = [];

/** r1 reaches site `slow path` four times and `retry` once. */
function* main() {
  fired.length = 0;
  const world = createWorld(QUIET);
  const r1 = world.host('r1', function* (host: HostContext) {
    for (let i = 0; i < 4; i++) if (buggify('slow path')) fired.push(`slow path ${i}`);
    if (buggify('retry')) fired.push('retry');
    yield* sleep(1);
    void host;
  });
  yield* r1.task!;
}

describe('buggify(site)', () => {
  it('is false under run(), in the fault-free run, and outside a host’s code', () => {
    run(main());
    expect(fired).toEqual([]);
    replay(main, 'v1;');
    expect(fired).toEqual([]);
    run(
      (function* () {
        createWorld();
        fired.push(`in main: ${buggify('site')}`);
        yield* sleep(0);
      })(),
    );
    expect(fired).toEqual(['in main: false']);
    expect(buggify('outside any run')).toBe(false);
  });

  it('enables a site once per run, then fires it at each reach the run chooses, and traces each firing', () => {
    // Stream buggify: enable `slow path` (1), fire at reaches 0 and 2 (1, 0, 1, 0), leave `retry` disabled (0).
    expect(worldTrace(main, 'v2;buggify=1,1,0,1,0,0')).toEqual([
      't=0 r1: boot incarnation 1',
      't=0 r1: buggify "slow path" [fault]',
      't=0 r1: buggify "slow path" [fault]',
    ]);
    expect(fired).toEqual(['slow path 0', 'slow path 2']);
    // A disabled site asks nothing more: `retry` enabled takes the choice after slow path's single enable.
    replay(main, 'v2;buggify=0,1,1');
    expect(fired).toEqual(['retry']);
  });

  it('is found by explore, as FoundationDB’s rule makes it: enabled in about a quarter of runs, firing in about a quarter of reaches', () => {
    let runsEnabled = 0;
    let reaches = 0;
    let fires = 0;
    const counting = function* () {
      const world = createWorld(QUIET);
      const r1 = world.host('r1', function* () {
        let enabledHere = false;
        for (let i = 0; i < 20; i++) {
          const fire = buggify('site');
          if (fire) {
            fires++;
            enabledHere = true;
          }
        }
        if (enabledHere) runsEnabled++;
        reaches += 20;
      });
      yield* r1.task!;
    };
    explore(counting, { runs: 400, seed: 11, stopOnFailure: false });
    // A run whose site is enabled almost surely fires in 20 reaches (1 - 0.75^20 ≈ 0.997).
    expect(runsEnabled / 400).toBeGreaterThan(0.18);
    expect(runsEnabled / 400).toBeLessThan(0.32);
    expect(fires / (runsEnabled * 20)).toBeGreaterThan(0.2);
    expect(fires / (runsEnabled * 20)).toBeLessThan(0.3);
    expect(reaches).toBe(400 * 20);
  });

  it('names a site with a non-empty string', () => {
    expect(() => buggify('')).toThrow('buggify(site): site must be a non-empty string naming the place, got ');
  });
});
