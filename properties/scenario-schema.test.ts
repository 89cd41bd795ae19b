// The scenario schema agrees with the validator on files near the valid ones:
// corpus files with a few random edits. Whatever the validator accepts, the
// schema accepts; whatever the validator rejects for a problem of shape (not
// one of the cross-references the schema's description leaves to it), the
// schema rejects.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSchema, jsonExamples, scenarioValidatorError, schemaErrors } from '../test/schemas/schemas.js';
import { propertyRuns } from './runs.js';

const SEED = 1717;
const validate = compileSchema('simloop-scenario-1.schema.json');
const CORPUS = new URL('../test/scenarios/', import.meta.url);
const BASES: unknown[] = [
  ...readdirSync(CORPUS).filter((name) => name.endsWith('.json')).map((name) => JSON.parse(readFileSync(new URL(name, CORPUS), 'utf8')) as unknown),
  ...jsonExamples('scenario-format.md'),
];

/** Messages of the checks the schema leaves to the validator (see the schema's description). */
const CROSS_REFERENCE = [
  /is not declared in (defs|resources)$/,
  /is bound by no spawn$/,
  /is already bound by the spawn at /,
  /must name an? .*, but ".*" is an? /,
  /priority_queue/,
  /nests ops deeper than/,
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Edit = { readonly at: number; readonly kind: 'replace' | 'delete' | 'insert'; readonly value: Json };

/** Values that sit near a rule of the format. */
const NEAR: Json[] = [
  0, 1, -1, 1.5, 2 ** 53, true, null, '', 'a b', 'x\ny', 'main', 'self', '-', 't', 'work', 'sleep', 'spawn', 'try', 'repeat', 'group',
  'CancelledError', 'FIRST_COMPLETED', 'event', 'queue', 'priority_queue', 'barrier', 'kind', 'parties', 'simloop-scenario/1',
  [], {}, ['sleep', 1], ['spawn', 'z', 'main'], [['spawn', 'z', 'main']], ['*', []], { kind: 'event' }, { kind: 'barrier', parties: 0 },
];

const editArbitrary: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'insert'),
  value: fc.oneof(fc.constantFrom(...NEAR), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>),
});

/** Every array and object in `value` (itself included), in document order. */
function containers(value: Json, found: Array<Json[] | { [key: string]: Json }> = []): Array<Json[] | { [key: string]: Json }> {
  if (value === null || typeof value !== 'object') return found;
  found.push(value);
  for (const child of Array.isArray(value) ? value : Object.values(value)) containers(child, found);
  return found;
}

/** Applies one edit to one element or field of one container of `file` (a copy). */
function applyEdit(file: Json, edit: Edit): Json {
  const copy = structuredClone(file);
  const all = containers(copy);
  const target = all[edit.at % all.length]!;
  if (Array.isArray(target)) {
    const index = target.length === 0 ? 0 : (edit.at >> 4) % (target.length + (edit.kind === 'insert' ? 1 : 0));
    if (edit.kind === 'insert') target.splice(index, 0, edit.value);
    else if (edit.kind === 'delete') target.splice(index, 1);
    else target[index] = edit.value;
  } else {
    const keys = Object.keys(target);
    const key = edit.kind === 'insert' || keys.length === 0 ? `k${edit.at % 3}` : keys[(edit.at >> 4) % keys.length]!;
    if (edit.kind === 'delete') delete target[key];
    else target[key] = edit.value;
  }
  return copy;
}

describe('the scenario schema and the validator', () => {
  it(`agree on corpus files with a few random edits (seed ${SEED})`, () => {
    const verdicts = { accepted: 0, shape: 0, crossReference: 0 };
    fc.assert(
      fc.property(fc.constantFrom(...(BASES as Json[])), fc.array(editArbitrary, { minLength: 1, maxLength: 3 }), (base, edits) => {
        const file = edits.reduce(applyEdit, base);
        const message = scenarioValidatorError(file);
        const errors = schemaErrors(validate, file);
        if (message === null) {
          verdicts.accepted++;
          expect(errors, 'the validator accepts it').toBeNull();
        } else if (CROSS_REFERENCE.some((pattern) => pattern.test(message))) {
          verdicts.crossReference++;
        } else {
          verdicts.shape++;
          expect(errors, `the validator rejects it: ${message}`).not.toBeNull();
        }
      }),
      { seed: SEED, numRuns: propertyRuns(1000) },
    );
    // Each side of the agreement was exercised (about 6%, 80% and 14% of the runs).
    expect(verdicts.accepted).toBeGreaterThan(40);
    expect(verdicts.shape).toBeGreaterThan(400);
    expect(verdicts.crossReference).toBeGreaterThan(40);
  });
});
