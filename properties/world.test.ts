// Properties of the simulated world over random programs (properties/world-programs.ts),
// with fixed seeds; PROPERTY_RUNS_SCALE=20 for a longer search.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explore, renderTrace, replay, run } from '../src/index.js';
import { executeRun } from '../src/explore/execute.js';
import { Prng } from '../src/explore/choices/prng.js';
import { RandomChooser } from '../src/explore/choices/random.js';
import { RecordingPolicy } from '../src/explore/choices/recorder.js';
import { ScriptedChooser } from '../src/explore/choices/scripted.js';
import { WorldDraws } from '../src/explore/choices/world-draws.js';
import { programSubject } from '../src/explore/subject.js';
import { RunMonitor } from '../src/explore/report/run-monitor.js';
import type { TraceEvent } from '../src/explore/report/trace.js';
import { propertyRuns } from './runs.js';
import { codeAfterCrash, mainOf, outOfOrder, watcher, worldProgram, type Observed, type WorldProgram } from './world-programs.js';

const SEED = 20_261_212;
const seedArbitrary = fc.integer({ min: 0, max: 0xffffffff });
const MAX_STEPS = 200_000;

function observed(): Observed {
  return { log: [], violations: [], world: null };
}

/** A random run of `program` (random and world choices drawn from `seed`), watched. */
function randomRun(program: WorldProgram, seed: number): Observed {
  const seen = observed();
  const chooser = new RandomChooser(Prng.forRun(seed, 1), 0, new WorldDraws(seed, 1));
  run(mainOf(program, seen)(), { policy: new RecordingPolicy(chooser, null), monitor: watcher(seen), maxSteps: MAX_STEPS });
  return seen;
}

/** The trace without its closing event (a plain run has no report to close it). */
function withoutEnd(trace: readonly TraceEvent[]): string[] {
  return renderTrace(trace.filter((event) => event.type !== 'end'));
}

describe('the world keeps its rules on random programs under random faults', () => {
  it('no message reaches a host while it is down or across a partition; no code of a crashed incarnation runs; every message arrives as it was sent', () => {
    let crashes = 0;
    let drops = 0;
    fc.assert(
      fc.property(worldProgram, seedArbitrary, (program, seed) => {
        const seen = randomRun(program, seed);
        expect(seen.violations).toEqual([]);
        expect(codeAfterCrash(seen.log)).toBeNull();
        crashes += seen.log.filter((line) => / world: crash /.test(line)).length;
        drops += seen.log.filter((line) => / world: drop /.test(line)).length;
      }),
      { seed: SEED, numRuns: propertyRuns(150) },
    );
    // The property saw what it is about.
    expect(crashes).toBeGreaterThan(20);
    expect(drops).toBeGreaterThan(50);
  });
});

describe('choices', () => {
  it('choice 0 everywhere is the fault-free run: replaying v1; traces exactly what a plain run() does', () => {
    fc.assert(
      fc.property(worldProgram, (program) => {
        const plain = new RunMonitor(true, null, false);
        run(mainOf(program, observed())(), { monitor: plain, maxSteps: MAX_STEPS });
        const zero = replay(mainOf(program, observed()), 'v1;', { maxSteps: MAX_STEPS });
        expect(withoutEnd(zero.trace)).toEqual(withoutEnd(plain.events!));
        expect(zero.schedule).toBe('v1;');
      }),
      { seed: SEED, numRuns: propertyRuns(100) },
    );
  });

  it('a recorded run replays to the same trace, byte for byte, every stream included', () => {
    fc.assert(
      fc.property(worldProgram, seedArbitrary, (program, seed) => {
        const subject = programSubject(mainOf(program, observed()));
        const original = executeRun(subject, new RandomChooser(Prng.forRun(seed, 2), 0, new WorldDraws(seed, 2)), null, { maxSteps: MAX_STEPS }, true);
        const replayed = executeRun(subject, new ScriptedChooser(original.streams), null, { maxSteps: MAX_STEPS }, true);
        expect(JSON.stringify(replayed.trace)).toBe(JSON.stringify(original.trace));
        expect(replayed.streams).toEqual(original.streams);
      }),
      { seed: SEED, numRuns: propertyRuns(100) },
    );
  });

  it('shrinking never increases the number of faults', () => {
    let shrunk = 0;
    fc.assert(
      fc.property(worldProgram, seedArbitrary, (program, seed) => {
        // Fails when a message arrives out of order or twice: faults cause that (a slow or duplicated message, a restarted sender),
        // and so does the scheduler when two messages are due at the same instant.
        const seen = observed();
        const main = mainOf({ ...program, test: [], swarm: true }, seen);
        const failing = function* () {
          yield* main();
          const disorder = outOfOrder(seen.log);
          if (disorder !== null) throw new Error(`out of order: ${disorder}`);
        };
        const result = explore(failing, { runs: 20, seed: seed % 1000, shrinkRuns: 150, selfCheck: false, maxSteps: MAX_STEPS });
        if (result.failure === null) return;
        if (result.failure.original.faults > 0) shrunk++;
        expect(result.failure.shrunk.faults).toBeLessThanOrEqual(result.failure.original.faults);
        expect(result.failure.shrunk.nonZero).toBeLessThanOrEqual(result.failure.original.nonZero);
      }),
      { seed: SEED, numRuns: propertyRuns(25) },
    );
    expect(shrunk).toBeGreaterThan(5);
  });
});
