// The history format's JSON Schema: it accepts the format document's example
// and its own, rejects each kind of malformed event, and leaves to the history
// parser only the rules across events that its description names.
import { describe, expect, it } from 'vitest';
import { compileSchema, jsonExamples, readSchema, schemaErrors } from './schemas.js';

const SCHEMA = 'simloop-history-1.schema.json';
const validate = compileSchema(SCHEMA, { allErrors: true });

/** A history of `model` holding `ops`. */
function history(ops: unknown[], model = 'kv'): Record<string, unknown> {
  return { format: 'simloop-history/1', model, ops };
}

const invoke = (f: string, value: unknown, more: Record<string, unknown> = {}) => ({ process: 0, type: 'invoke', f, key: 'x', value, time: 0, ...more });
const ok = (f: string, value: unknown, more: Record<string, unknown> = {}) => ({ process: 0, type: 'ok', f, key: 'x', value, time: 1, ...more });

describe('the history schema', () => {
  it("accepts the format document's example and its own", () => {
    const examples = [...jsonExamples('history-format.md'), ...(readSchema(SCHEMA)['examples'] as unknown[])];
    expect(examples).toHaveLength(2);
    for (const example of examples) expect(schemaErrors(validate, example)).toBeNull();
  });

  it('accepts what the format allows: extra fields, any key on a register, fractional and negative times, any value on fail and info', () => {
    const valid = [
      { ...history([]), note: 'metadata' },
      history([invoke('read', null, { key: 3, time: -1.5 }), ok('read', true, { key: undefined, time: 2.25 })], 'register'),
      history([invoke('write', 'v', { key: '' }), ok('write', 'v', { key: '', client: 'a' })]),
      history([invoke('cas', [1, 'b']), { ...ok('cas', { any: ['thing'] }), type: 'fail' }]),
      history([invoke('write', 1), { process: 0, type: 'info', f: 'write', key: 'x', time: 3 }]),
      history([invoke('read', null, { process: 1e15 })]),
    ];
    for (const file of valid) expect(schemaErrors(validate, JSON.parse(JSON.stringify(file)))).toBeNull();
  });

  // Each is malformed in one way a schema can express, named by the path Ajv reports.
  const MALFORMED: Array<[string, unknown, string]> = [
    ['not an object', [], '/: must be object'],
    ['no format', { model: 'kv', ops: [] }, "/: must have required property 'format'"],
    ['another format', { ...history([]), format: 'simloop-history/2' }, '/format: must be equal to constant'],
    ['an unknown model', history([], 'queue'), '/model: must be equal to one of the allowed values'],
    ['ops not a list', { ...history([]), ops: {} }, '/ops: must be array'],
    ['an event that is not an object', history([1]), '/ops/0: must be object'],
    ['a negative process', history([invoke('read', null, { process: -1 })]), '/ops/0/process: must be >= 0'],
    ['a fractional process', history([invoke('read', null, { process: 0.5 })]), '/ops/0/process: must be integer'],
    ['a process that is a string', history([invoke('read', null, { process: '0' })]), '/ops/0/process: must be integer'],
    ['an unknown type', history([{ ...invoke('read', null), type: 'call' }]), '/ops/0/type: must be equal to one of the allowed values'],
    ['an unknown f', history([invoke('append', 1)]), '/ops/0/f: must be equal to one of the allowed values'],
    ['a kv op without a key', history([invoke('read', null, { key: undefined })]), "/ops/0: must have required property 'key'"],
    ['a kv key that is not a string', history([invoke('read', null, { key: 1 })]), '/ops/0/key: must be string'],
    ['a read invoke whose value is not null', history([invoke('read', 1)]), '/ops/0/value: must be null'],
    ['an ok read without value', history([invoke('read', null), ok('read', undefined)]), "/ops/1: must have required property 'value'"],
    ['a write of an object', history([invoke('write', { a: 1 })]), '/ops/0/value: must match a schema in anyOf'],
    ['a write without value', history([invoke('write', undefined)]), "/ops/0: must have required property 'value'"],
    ['an ok write of a list', history([invoke('write', 1), ok('write', [1])]), '/ops/1/value: must match a schema in anyOf'],
    ['a cas of one value', history([invoke('cas', [1])]), '/ops/0/value: must NOT have fewer than 2 items'],
    ['a cas of three values', history([invoke('cas', [1, 2, 3])]), '/ops/0/value: must NOT have more than 2 items'],
    ['a cas of a nested value', history([invoke('cas', [[1], 2])]), '/ops/0/value/0: must match a schema in anyOf'],
    ['a cas that is not a pair', history([invoke('cas', 1)]), '/ops/0/value: must be array'],
    ['no time', history([invoke('read', null, { time: undefined })]), "/ops/0: must have required property 'time'"],
    ['a time that is a string', history([invoke('read', null, { time: '0' })]), '/ops/0/time: must be number'],
  ];

  it.each(MALFORMED)('rejects %s', (_, file, error) => {
    expect(schemaErrors(validate, JSON.parse(JSON.stringify(file)))).toContain(error);
  });

  it('rejects a number that is not finite once read, as JSON.parse reads 1e400', () => {
    const file = JSON.parse('{"format":"simloop-history/1","model":"register","ops":[{"process":0,"type":"invoke","f":"write","value":1e400,"time":0}]}') as unknown;
    expect(schemaErrors(validate, file)).toContain('/ops/0/value: must match a schema in anyOf');
    const late = JSON.parse('{"format":"simloop-history/1","model":"register","ops":[{"process":0,"type":"invoke","f":"read","value":null,"time":1e400}]}') as unknown;
    expect(schemaErrors(validate, late)).toContain('/ops/0/time: must be number');
  });

  it('leaves the rules across events to the parser, as its description says', () => {
    const acrossEvents = [
      history([invoke('read', null, { time: 5 }), ok('read', 1, { time: 4 })]), // time going backwards
      history([ok('read', 1)]), // a completion with no outstanding invoke
      history([invoke('read', null), invoke('read', null)]), // a second invoke while one is outstanding
      history([invoke('write', 1), ok('write', 2)]), // an ok write whose value differs from its invoke's
      history([invoke('read', null), ok('write', 1)]), // a completion whose f differs
    ];
    const description = readSchema(SCHEMA)['description'] as string;
    for (const rule of ['times never go backwards', 'at most one operation outstanding', 'same f', "carries its invoke's value"]) expect(description).toContain(rule);
    for (const file of acrossEvents) expect(schemaErrors(validate, file)).toBeNull();
  });
});
