// simloop on the hand-written corpus: each test/scenarios/<rule>.json must
// print exactly <rule>.trace, CPython's trace (scenarios-reference.test.ts
// keeps those honest). A file using an op simloop does not carry out yet is
// listed as a todo under its name, and runs as soon as the op lands.
import { describe, expect, it } from 'vitest';
import { runScenario, SCENARIO_OPS } from '../src/scenario/run-scenario.js';
import { corpus, opNamesOf } from '../properties/corpus.js';

describe('simloop prints the corpus traces', () => {
  for (const entry of corpus()) {
    const missing = opNamesOf(entry.scenario).filter((name) => SCENARIO_OPS[name] === undefined);
    if (missing.length > 0) {
      it.todo(`${entry.name} (waits for ${missing.join(', ')})`);
      continue;
    }
    it(entry.name, () => {
      expect(entry.expectedTrace, `${entry.name}.trace is missing: run npm run corpus:update`).toBeDefined();
      expect(`${runScenario(entry.scenario).join('\n')}\n`).toBe(entry.expectedTrace);
    });
  }
});
