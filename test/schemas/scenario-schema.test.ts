// The scenario format's JSON Schema: it accepts the documents' examples (the
// corpus: repository-files.test.ts), rejects each kind of malformed file the validator rejects,
// and leaves to the validator only the cross-references it documents.
import { describe, expect, it } from 'vitest';
import { OP_SPECS } from '../../src/scenario/validate-op-specs.js';
import { compileSchema, jsonExamples, readSchema, scenarioValidatorError as validatorError, schemaErrors } from './schemas.js';

const SCHEMA = 'simloop-scenario-1.schema.json';
const validate = compileSchema(SCHEMA);

/** A scenario whose main runs `ops`, with a var t, a def work and one resource of each kind. */
function withMain(ops: unknown[], more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'simloop-scenario/1',
    main: 'main',
    resources: { e: { kind: 'event' }, l: { kind: 'lock' }, c: { kind: 'condition' }, q: { kind: 'queue' }, pq: { kind: 'priority_queue' }, b: { kind: 'barrier', parties: 2 } },
    defs: { main: ops, work: [], binder: [['spawn', 't', 'work']] },
    ...more,
  };
}

describe('the scenario schema', () => {
  it("accepts the format document's example and its own", () => {
    const examples = [...jsonExamples('scenario-format.md'), ...(readSchema(SCHEMA)['examples'] as unknown[])];
    expect(examples).toHaveLength(2);
    for (const example of examples) {
      expect(validatorError(example)).toBeNull();
      expect(schemaErrors(validate, example)).toBeNull();
    }
  });

  it('has one op definition per op of the validator, with the same arities', () => {
    const defs = readSchema(SCHEMA)['$defs'] as Record<string, { prefixItems?: unknown[]; anyOf?: Array<{ prefixItems: unknown[] }> }>;
    const ops = Object.keys(defs).filter((name) => name.startsWith('op-')).map((name) => name.slice(3));
    expect(ops.sort()).toEqual(Object.keys(OP_SPECS).sort());
    for (const [name, spec] of Object.entries(OP_SPECS)) {
      const def = defs[`op-${name}`]!;
      const lengths = (def.anyOf ?? [def]).map((tuple) => tuple.prefixItems!.length - 1).sort();
      const most = spec.args.length;
      const least = most - (spec.optional ?? 0);
      expect({ name, lengths }).toEqual({ name, lengths: Array.from({ length: most - least + 1 }, (_, i) => least + i) });
    }
  });

  // Each file is malformed in one way that a schema can express; the validator rejects each too.
  const MALFORMED: Array<[string, unknown]> = [
    ['not an object', ['format']],
    ['no format', { main: 'main', defs: { main: [] } }],
    ['another format', { format: 'simloop-scenario/2', main: 'main', defs: { main: [] } }],
    ['no main', { format: 'simloop-scenario/1', defs: { main: [] } }],
    ['no defs', { format: 'simloop-scenario/1', main: 'main' }],
    ['main not a string', { format: 'simloop-scenario/1', main: 1, defs: { main: [] } }],
    ['defs not an object', { format: 'simloop-scenario/1', main: 'main', defs: [] }],
    ['a def name with whitespace', { format: 'simloop-scenario/1', main: 'main', defs: { main: [], 'a b': [] } }],
    ['a body that is not a list', { format: 'simloop-scenario/1', main: 'main', defs: { main: {} } }],
    ['an op that is not an array', withMain(['sleep'])],
    ['an empty op', withMain([[]])],
    ['an unknown op', withMain([['sleeep', 1]])],
    ['too many arguments', withMain([['sleep', 1, 2]])],
    ['too few arguments', withMain([['spawn', 'u']])],
    ['an optional argument too many', withMain([['cancel', 't', 'why', 'again']])],
    ['fractional ticks', withMain([['sleep', 1.5]])],
    ['negative ticks', withMain([['sleep', -1]])],
    ['ticks past 2^53 - 1', withMain([['sleep', 2 ** 53]])],
    ['boolean ticks', withMain([['sleep', true]])],
    ['a log text with a line break', withMain([['log', 'a\nb']])],
    ['an empty error name', withMain([['raise', '']])],
    ['a value that is an object', withMain([['return', { a: 1 }]])],
    ['a fractional value', withMain([['return', 0.5]])],
    ['a var called main', withMain([['spawn', 'main', 'work']])],
    ['a var called -', withMain([['await', '-']])],
    ['self outside cancel', withMain([['await', 'self']])],
    ['a spawn binding self', withMain([['spawn', 'self', 'work']])],
    ['an empty var', withMain([['gather', [''], false]])],
    ['an unknown wait mode', withMain([['wait', ['t'], 'FIRST', null]])],
    ['a fractional wait timeout', withMain([['wait', ['t'], 'ALL_COMPLETED', 0.5]])],
    ['a gather flag that is not a boolean', withMain([['gather', ['t'], 1]])],
    ['a handler that is not a pair', withMain([['try', [], [['Boom']]]])],
    ['a handler with a multi-line pattern', withMain([['try', [], [['Bo\nom', []]]]])],
    ['a spawn inside repeat', withMain([['repeat', 2, [['spawn', 'u', 'work']]]])],
    ['a spawn in a handler of a try inside repeat', withMain([['repeat', 2, [['try', [], [['*', [['group', [['spawn', 'u', 'work']]]]]]]]]])],
    ['a spawn in the finally of a try inside repeat', withMain([['repeat', 2, [['try', [], [], [['spawn', 'u', 'work']]]]]])],
    ['an unknown resource kind', withMain([], { resources: { r: { kind: 'mutex' } } })],
    ['a resource without kind', withMain([], { resources: { r: {} } })],
    ['an unknown resource field', withMain([], { resources: { e: { kind: 'event', value: 1 } } })],
    ['a field of another kind', withMain([], { resources: { q: { kind: 'queue', value: 1 } } })],
    ['a negative semaphore value', withMain([], { resources: { s: { kind: 'semaphore', value: -1 } } })],
    ['a barrier without parties', withMain([], { resources: { b: { kind: 'barrier' } } })],
    ['a barrier of 0 parties', withMain([], { resources: { b: { kind: 'barrier', parties: 0 } } })],
    ['a resource name with whitespace', withMain([], { resources: { 'a b': { kind: 'event' } } })],
  ];

  it.each(MALFORMED)('rejects %s, as the validator does', (_, file) => {
    expect(validatorError(file)).not.toBeNull();
    expect(schemaErrors(validate, file)).not.toBeNull();
  });

  // What the description says the schema leaves to the validator: each file is well-formed, and the validator rejects it.
  const CROSS_REFERENCES: Array<[string, unknown, string]> = [
    ['main not declared in defs', withMain([], { main: 'start' }), 'main: "start" is not declared in defs'],
    ['a spawn of an undeclared def', withMain([['spawn', 'u', 'nowhere']]), 'defs.main[0]: spawn def "nowhere" is not declared in defs'],
    ['an undeclared resource', withMain([['event_set', 'nope']]), 'defs.main[0]: event_set event "nope" is not declared in resources'],
    ['a resource of the wrong kind', withMain([['event_set', 'l']]), 'defs.main[0]: event_set event must name an event, but "l" is a lock'],
    ['a var no spawn binds', withMain([['await', 'u']]), 'defs.main[0]: var "u" is bound by no spawn'],
    ['a var bound twice', withMain([['spawn', 't', 'work']]), 'defs.binder[0]: var "t" is already bound by the spawn at defs.main[0]'],
    ['null on a priority_queue', withMain([['put', 'pq', null]]), 'defs.main[0]: put value may not be null on priority_queue "pq"; its values must be all integers or all strings'],
  ];

  it.each(CROSS_REFERENCES)('leaves %s to the validator', (_, file, message) => {
    expect(schemaErrors(validate, file)).toBeNull();
    expect(validatorError(file)).toBe(message);
  });
});
