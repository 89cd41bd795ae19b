// Properties of schedule exploration over random scenarios (the conformance
// issue's generator): choice 0 everywhere is asyncio's FIFO run, line for
// line; random and pct schedules never break causality; and a recorded
// schedule replays to the identical trace.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIFO_CHOOSER, type Chooser } from '../src/explore/choices/chooser.js';
import { executeRun } from '../src/explore/execute.js';
import { PctChooser } from '../src/explore/choices/pct.js';
import { Prng } from '../src/explore/choices/prng.js';
import { RandomChooser } from '../src/explore/choices/random.js';
import { RecordingPolicy } from '../src/explore/choices/recorder.js';
import { ScriptedChooser } from '../src/explore/choices/scripted.js';
import { scenarioSubject } from '../src/explore/subject.js';
import { renderTrace } from '../src/explore/report/trace.js';
import type { Future } from '../src/future.js';
import type { LoopTask } from '../src/loop/loop.js';
import type { Monitor, StepOutcome } from '../src/loop/monitor.js';
import { getRunningLoop } from '../src/loop/running.js';
import type { FiredTimer } from '../src/loop/monitor.js';
import { runScenario } from '../src/scenario/run-scenario.js';
import type { Scenario } from '../src/scenario/types.js';
import { scenarioArbitrary } from './scenario-arbitrary.js';
import { propertyRuns } from './runs.js';

const SEED = 20_261_125;
const seedArbitrary = fc.integer({ min: 0, max: 0xffffffff });

describe('exploration keeps asyncio order at choice 0', () => {
  it('every choice 0, with every task a cancellation point, prints the FIFO trace exactly', () => {
    fc.assert(
      fc.property(scenarioArbitrary(), (scenario) => {
        const fifo = runScenario(scenario);
        const zero = runScenario(scenario, { policy: new RecordingPolicy(new ScriptedChooser([]), '*') });
        expect(zero).toEqual(fifo);
      }),
      { seed: SEED, numRuns: propertyRuns(300) },
    );
  });
});

describe('relaxing FIFO never breaks causality', () => {
  const policies: Array<[string, (prng: Prng) => Chooser]> = [
    ['random', (prng) => new RandomChooser(prng, 0)],
    ['pct', (prng) => new PctChooser(prng, { depth: 3, steps: 60 }, 0)],
  ];
  for (const [name, makeChooser] of policies) {
    it(`under ${name}: nothing runs before it is scheduled, no timer fires early, time never goes back`, () => {
      fc.assert(
        fc.property(scenarioArbitrary(), seedArbitrary, (scenario, seed) => {
          const causality = new CausalityMonitor();
          runScenario(scenario, { policy: new RecordingPolicy(makeChooser(new Prng(seed)), null), monitor: causality, maxSteps: 100_000 });
          expect(causality.violations).toEqual([]);
          expect(causality.steps).toBeGreaterThan(0);
        }),
        { seed: SEED, numRuns: propertyRuns(300) },
      );
    });
  }

  it('with cancels injected at seeded resumptions too', () => {
    fc.assert(
      fc.property(scenarioArbitrary(), seedArbitrary, fc.nat(30), (scenario, seed, cancelPoints) => {
        const causality = new CausalityMonitor();
        const chooser = new RandomChooser(new Prng(seed), cancelPoints + 1);
        runScenario(scenario, { policy: new RecordingPolicy(chooser, '*'), monitor: causality, maxSteps: 100_000 });
        expect(causality.violations).toEqual([]);
      }),
      { seed: SEED, numRuns: propertyRuns(300) },
    );
  });
});

describe('a recorded schedule replays exactly', () => {
  it('replaying the choices of a random run gives the same trace and the same failure', () => {
    fc.assert(
      fc.property(scenarioArbitrary(), seedArbitrary, (scenario: Scenario, seed) => {
        const subject = scenarioSubject(scenario);
        const original = executeRun(subject, new RandomChooser(new Prng(seed), 5), '*', {}, true);
        const replayed = executeRun(subject, new ScriptedChooser(original.choices), '*', {}, true);
        expect(renderTrace(replayed.trace ?? [])).toEqual(renderTrace(original.trace ?? []));
        expect(replayed.failure).toEqual(original.failure);
        expect(replayed.choices).toEqual(original.choices);
      }),
      { seed: SEED, numRuns: propertyRuns(300) },
    );
  });

  it('FIFO through the recording policy records only zeros', () => {
    fc.assert(
      fc.property(scenarioArbitrary(), (scenario) => {
        const record = executeRun(scenarioSubject(scenario), FIFO_CHOOSER, null, {}, false);
        expect(record.choices.every((choice) => choice === 0)).toBe(true);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});

/**
 * Checks causality as the kernel reports events, tracking tasks by identity:
 * virtual time never decreases; a timer fires at or after its deadline; a
 * task that yielded sleep(d) resumes no earlier than d later, and one that
 * yielded an await resumes only once that future is done, unless a cancel
 * reached it in between or was pending when it yielded (which wakes it
 * early, as in asyncio); a task steps only after it was created.
 */
class CausalityMonitor implements Monitor {
  readonly violations: string[] = [];
  steps = 0;
  private lastTimeMs = 0;
  private readonly created = new Set<LoopTask>();
  private readonly waits = new Map<LoopTask, { untilMs: number; future: Future<unknown> | null; cancelled: boolean }>();
  /** Tasks with a cancel requested and not yet thrown in: their next wait may end early. */
  private readonly pendingCancels = new Set<LoopTask>();

  taskCreated(task: LoopTask): void {
    this.tick('created');
    this.created.add(task);
  }

  taskStepped(task: LoopTask, outcome: StepOutcome): void {
    const nowMs = this.tick('stepped');
    this.steps++;
    if (!this.created.has(task)) this.violations.push(`${task.getName()} stepped before it was created`);
    const wait = this.waits.get(task);
    if (wait !== undefined && !wait.cancelled) {
      if (nowMs < wait.untilMs) this.violations.push(`${task.getName()} resumed at ${nowMs}, before its sleep ended at ${wait.untilMs}`);
      if (wait.future !== null && !wait.future.done()) this.violations.push(`${task.getName()} resumed before ${wait.future.toString()} was done`);
    }
    this.waits.delete(task);
    if (outcome.kind !== 'yielded') return;
    const effect = outcome.value as { kind?: string; delayMs?: number; future?: Future<unknown> };
    const cancelled = this.pendingCancels.has(task);
    if (effect.kind === 'sleep') this.waits.set(task, { untilMs: nowMs + Math.max(0, effect.delayMs ?? 0), future: null, cancelled });
    if (effect.kind === 'await') this.waits.set(task, { untilMs: nowMs, future: effect.future ?? null, cancelled });
  }

  cancelRequested(task: LoopTask): void {
    this.tick('cancel requested');
    this.pendingCancels.add(task);
    const wait = this.waits.get(task);
    if (wait !== undefined) wait.cancelled = true;
  }

  cancelDelivered(task: LoopTask): void {
    this.tick('cancel delivered');
    this.pendingCancels.delete(task);
  }

  timerFired(timer: FiredTimer): void {
    const nowMs = this.tick('timer fired');
    if (nowMs < timer.deadlineMs) this.violations.push(`a timer due at ${timer.deadlineMs} fired at ${nowMs}`);
  }

  private tick(what: string): number {
    const nowMs = getRunningLoop().time();
    if (nowMs < this.lastTimeMs) this.violations.push(`time went back from ${this.lastTimeMs} to ${nowMs} (${what})`);
    this.lastTimeMs = nowMs;
    return nowMs;
  }
}
