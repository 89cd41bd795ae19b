// The differential property of issue 3: on random scenarios over every op
// simloop carries out, its trace equals CPython's, line for line. `npm test`
// runs the fixed seed below; `npm run conformance -- --runs 20000 --seed N`
// runs a long one through scripts/conformance.mjs, which passes its flags in
// CONFORMANCE_* variables.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReference, type Reference } from '../test/reference/cpython.js';
import { checkConformance, settingsFromEnvironment } from './conformance.js';
import { scenarioArbitrary, supportedOps } from './scenario-arbitrary.js';
import { Coverage } from './scenario-coverage.js';

const FIXED_SEED = 20_260_301;
const settings = settingsFromEnvironment(process.env, { runs: 500, seed: FIXED_SEED });
// About 2 ms a scenario on both engines, plus shrinking: generous for slow machines.
const timeoutMs = 120_000 + settings.runs * 20;

let reference: Reference;
beforeAll(async () => {
  reference = await loadReference();
});

describe('differential conformance with CPython 3.14', () => {
  it(`simloop's trace equals CPython's on ${settings.runs} random scenarios (seed ${settings.seed})`, () => {
    const started = Date.now();
    const ops = new Set([...supportedOps()].filter((name) => !settings.without.includes(name)));
    process.stdout.write(`conformance: ${settings.runs} scenarios, seed ${settings.seed}, ops: ${[...ops].join(' ')}\n`);
    const step = Math.max(1000, Math.floor(settings.runs / 20));
    const coverage = new Coverage();
    const outcome = checkConformance(reference, scenarioArbitrary({ ops }), {
      ...settings,
      onScenario: (scenario, done) => {
        coverage.add(scenario);
        if (settings.progress && (done % step === 0 || done === settings.runs)) {
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          process.stdout.write(`conformance: ${done}/${settings.runs} scenarios, ${seconds} s\n`);
        }
      },
    });
    process.stdout.write(`conformance: ${coverage.report()}\n`);
    if (outcome.failed) expect.fail(`\n${outcome.report}`);
  }, timeoutMs);
});
