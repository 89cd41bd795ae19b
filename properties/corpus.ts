/**
 * The hand-written scenario corpus in test/scenarios/: one `<rule>.json` per
 * rule of the asyncio task model, with `<rule>.trace`, the trace the CPython
 * reference prints for it (ending with one newline).
 *
 * ```ts
 * for (const entry of corpus()) console.log(entry.name, opNamesOf(entry.scenario));
 * ```
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Op, OpName, Scenario } from '../src/scenario/types.js';
import { parseScenario } from '../src/scenario/validate.js';
import { visitOps } from './scenario-arbitrary.js';

export const CORPUS_DIRECTORY = fileURLToPath(new URL('../test/scenarios/', import.meta.url));

export interface CorpusEntry {
  /** The rule, the file name without `.json`. */
  readonly name: string;
  readonly text: string;
  readonly scenario: Scenario;
  readonly tracePath: string;
  /** The checked-in trace, or undefined when the file is missing. */
  readonly expectedTrace: string | undefined;
}

/** Every scenario of the corpus, by name. */
export function corpus(): CorpusEntry[] {
  return corpusFiles('.json').map((file) => {
    const name = file.slice(0, -'.json'.length);
    const text = readFileSync(`${CORPUS_DIRECTORY}${file}`, 'utf8');
    const tracePath = `${CORPUS_DIRECTORY}${name}.trace`;
    const expectedTrace = existsSync(tracePath) ? readFileSync(tracePath, 'utf8') : undefined;
    return { name, text, scenario: parseScenario(text), tracePath, expectedTrace };
  });
}

/** The corpus files with this extension, sorted by name. */
export function corpusFiles(extension: '.json' | '.trace'): string[] {
  return readdirSync(CORPUS_DIRECTORY).filter((file) => file.endsWith(extension)).sort();
}

/** The names of the ops a scenario uses, each once, in first-use order. */
export function opNamesOf(scenario: Scenario): OpName[] {
  const names = new Set<OpName>();
  for (const ops of Object.values(scenario.defs)) visitOps(ops as Op[], (op) => names.add(op[0]));
  return [...names];
}
