// The corpus's expected traces are CPython's: each .trace is re-derived from
// the reference, so a stale or hand-edited file fails here.
// `npm run corpus:update` rewrites them instead (UPDATE_CORPUS=1).
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OP_NAMES } from '../src/scenario/types.js';
import { corpus, corpusFiles, opNamesOf } from '../properties/corpus.js';
import { loadReference, type Reference } from './reference/cpython.js';

const update = process.env['UPDATE_CORPUS'] === '1';
const entries = corpus();

let reference: Reference;
beforeAll(async () => {
  reference = await loadReference();
});

describe("the corpus's traces are what CPython prints", () => {
  for (const entry of entries) {
    it(entry.name, () => {
      const trace = `${reference.run(JSON.stringify(entry.scenario))}\n`;
      if (update) {
        writeFileSync(entry.tracePath, trace);
        return;
      }
      expect(entry.expectedTrace, `${entry.name}.trace is missing: run npm run corpus:update`).toBeDefined();
      expect(entry.expectedTrace).toBe(trace);
    });
  }
});

describe('the corpus', () => {
  it('has a .json for every .trace', () => {
    const scenarios = new Set(corpusFiles('.json').map((file) => file.replace(/\.json$/, '')));
    const orphans = corpusFiles('.trace').filter((file) => !scenarios.has(file.replace(/\.trace$/, '')));
    expect(orphans).toEqual([]);
  });

  it('uses every op of the format', () => {
    const used = new Set(entries.flatMap((entry) => opNamesOf(entry.scenario)));
    expect(OP_NAMES.filter((name) => !used.has(name))).toEqual([]);
  });
});
