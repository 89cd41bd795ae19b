/**
 * The differential property: on a generated scenario, simloop's trace equals
 * the CPython reference's, line for line. `checkConformance` runs it with
 * fast-check and, on a mismatch, builds the report a person reads: the
 * shrunk (then minimized) scenario as JSON, ready to save as a corpus file;
 * the two traces side by side from the first difference; and the replay
 * command (seed and path).
 *
 * ```ts
 * const outcome = checkConformance(await loadReference(), scenarioArbitrary(), { runs: 300, seed: 42 });
 * if (outcome.failed) console.log(outcome.report);
 * ```
 */
import fc from 'fast-check';
import { runScenario } from '../src/scenario/run-scenario.js';
import type { Scenario } from '../src/scenario/types.js';
import { parseScenario } from '../src/scenario/validate.js';
import type { Reference } from '../test/reference/cpython.js';
import { minimize } from './minimize.js';

/** Generated scenarios are small: a run that needs more steps than this is a runaway. */
const MAX_STEPS = 1_000_000;

/** Both traces of one scenario; `firstDifference` is the index of the first unequal line, or -1. */
export interface Comparison {
  readonly simloop: readonly string[];
  readonly cpython: readonly string[];
  readonly firstDifference: number;
}

/**
 * Runs `scenario` on both engines. A scenario the validator rejects, or an
 * engine that throws, gives a one-line trace starting with `!!` that says so,
 * which can equal nothing the other engine prints.
 */
export function compare(reference: Reference, scenario: Scenario): Comparison {
  let parsed: Scenario;
  try {
    parsed = parseScenario(JSON.stringify(scenario));
  } catch (error) {
    const line = `!! the generator made an invalid scenario: ${describe(error)}`;
    return { simloop: [line], cpython: [], firstDifference: 0 };
  }
  // Both engines run the file as the validator wrote it back, defaults filled in.
  const text = JSON.stringify(parsed);
  const simloop = attempt('simloop', () => runScenario(parsed, { maxSteps: MAX_STEPS }));
  const cpython = attempt('cpython', () => reference.run(text).split('\n'));
  return { simloop, cpython, firstDifference: firstDifference(simloop, cpython) };
}

function attempt(engine: string, runTrace: () => string[]): string[] {
  try {
    return runTrace();
  } catch (error) {
    return [`!! ${engine} threw ${describe(error)}`];
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // A pyodide PythonError carries the whole traceback; its last line names the error.
  const lines = error.message.trim().split('\n');
  return `${error.name}: ${lines[lines.length - 1] ?? ''}`;
}

function firstDifference(a: readonly string[], b: readonly string[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/**
 * The scenario as a file: valid JSON with each op of a def on its own line,
 * so that a shrunk counterexample can be read, and saved to test/scenarios/.
 */
export function formatScenario(scenario: Scenario): string {
  const defs = Object.entries(scenario.defs).map(([name, ops]) => {
    const lines = ops.map((op) => `      ${JSON.stringify(op)}`);
    return `    ${JSON.stringify(name)}: [${lines.length === 0 ? ']' : `\n${lines.join(',\n')}\n    ]`}`;
  });
  return [
    '{',
    `  "format": ${JSON.stringify(scenario.format)},`,
    `  "main": ${JSON.stringify(scenario.main)},`,
    `  "resources": ${JSON.stringify(scenario.resources)},`,
    '  "defs": {',
    defs.join(',\n'),
    '  }',
    '}',
  ].join('\n');
}

/**
 * The two traces in two columns, from two lines before the first difference
 * (marked `>`), each row numbered by its line in the trace (1-based).
 */
export function sideBySide(comparison: Comparison, maxRows = 40): string {
  const { simloop, cpython, firstDifference: first } = comparison;
  const start = Math.max(0, first - 2);
  const end = Math.min(Math.max(simloop.length, cpython.length), start + maxRows);
  const left = simloop.slice(start, end);
  const width = Math.max('simloop'.length, ...left.map((line) => line.length));
  const rows = [`       ${'simloop'.padEnd(width)} | CPython`];
  for (let i = start; i < end; i++) {
    const mark = i === first ? '>' : simloop[i] === cpython[i] ? ' ' : '*';
    const number = String(i + 1).padStart(4);
    rows.push(`${mark} ${number} ${(simloop[i] ?? '').padEnd(width)} | ${cpython[i] ?? ''}`);
  }
  const rest = Math.max(simloop.length, cpython.length) - end;
  if (rest > 0) rows.push(`  (${rest} more lines)`);
  return rows.join('\n');
}

export interface ConformanceSettings {
  /** How many scenarios to generate. */
  runs: number;
  seed: number;
  /** A fast-check replay path, as a failure prints it: runs just that counterexample. */
  path?: string;
  /** Called on each generated scenario (not on shrinking steps) with the count so far, this one included. */
  onScenario?: (scenario: Scenario, done: number) => void;
  /** Ops the scenarios leave out (`--without`), repeated in the replay command. */
  without?: readonly string[];
}

export type ConformanceOutcome = { failed: false; runs: number } | { failed: true; report: string };

/** Runs the property on `runs` scenarios of `scenarios`; on failure returns the shrunk report. */
export function checkConformance(
  reference: Reference,
  scenarios: fc.Arbitrary<Scenario>,
  settings: ConformanceSettings,
): ConformanceOutcome {
  let generated = 0;
  let shrinking = false;
  const property = fc.property(scenarios, (scenario) => {
    if (!shrinking) settings.onScenario?.(scenario, ++generated);
    const equal = compare(reference, scenario).firstDifference === -1;
    if (!equal) shrinking = true;
    return equal;
  });
  const details = fc.check(property, {
    numRuns: settings.runs,
    seed: settings.seed,
    ...(settings.path === undefined ? {} : { path: settings.path }),
  });
  if (!details.failed) return { failed: false, runs: details.numRuns };
  if (details.counterexample === null) {
    // The property itself threw outside compare: fast-check's own message says where.
    return { failed: true, report: fc.defaultReportMessage(details) ?? 'the property failed without a counterexample' };
  }
  // fast-check's shrinking, then ours on the scenario itself (see minimize.ts).
  const scenario = minimize(details.counterexample[0], (candidate) => compare(reference, candidate).firstDifference !== -1);
  const comparison = compare(reference, scenario);
  return {
    failed: true,
    report: [
      `simloop's trace differs from CPython's at line ${comparison.firstDifference + 1} ` +
        `(seed ${details.seed}, path "${details.counterexamplePath}", after ${details.numRuns} scenarios and ${details.numShrinks} shrinks).`,
      `Replay: npm run conformance -- --seed ${details.seed} --path "${details.counterexamplePath}"` +
        (settings.without !== undefined && settings.without.length > 0 ? ` --without ${settings.without.join(',')}` : ''),
      'Shrunk scenario:',
      formatScenario(scenario),
      'Traces (> the first difference, * other differing lines):',
      sideBySide(comparison),
    ].join('\n'),
  };
}

/** The settings a run takes from its environment, as scripts/conformance.mjs passes them. */
export function settingsFromEnvironment(environment: NodeJS.ProcessEnv, defaults: { runs: number; seed: number }) {
  const integer = (name: string, fallback: number): number => {
    const text = environment[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${JSON.stringify(text)}`);
    return value;
  };
  const path = environment['CONFORMANCE_PATH'];
  const without = (environment['CONFORMANCE_WITHOUT'] ?? '').split(',').filter((name) => name !== '');
  return {
    runs: integer('CONFORMANCE_RUNS', defaults.runs),
    seed: integer('CONFORMANCE_SEED', defaults.seed),
    ...(path === undefined || path === '' ? {} : { path }),
    progress: environment['CONFORMANCE_PROGRESS'] === '1',
    /** Ops left out of the generated scenarios, to look past a known mismatch. */
    without,
  };
}
