/**
 * The checks on one event's own fields, in the order the format reports
 * them: `process`, `type`, `f`, `key`, `value`, `time`. Its place in the
 * sequence (does it match an outstanding invoke?) is validate-sequence.ts.
 */
import type { EventType, HistoryEvent, ModelName, RegisterFunction, Scalar } from './history.js';
import { HistoryFormatError } from './history-format-error.js';
import { isScalar, isScalarPair } from './scalar.js';
import { showValue } from './show.js';

const TYPES: readonly EventType[] = ['invoke', 'ok', 'fail', 'info'];
const FUNCTIONS: readonly RegisterFunction[] = ['read', 'write', 'cas'];

/** Checks event `index`; `previousTime` is the time of the event before it (times never go back). */
export function checkEvent(raw: unknown, index: number, model: ModelName, previousTime: number): HistoryEvent {
  const path = `ops[${index}]`;
  if (!isRecord(raw)) throw new HistoryFormatError(path, `an event must be a JSON object, got ${showValue(raw)}`);
  const field = (name: string) => new FieldProblem(`${path}.${name}`, raw[name], Object.hasOwn(raw, name));
  const process = checkProcess(field('process'));
  const type = oneOf(field('type'), TYPES);
  const f = oneOf(field('f'), FUNCTIONS);
  const key = model === 'kv' ? checkKey(field('key')) : undefined;
  const value = checkValue(field('value'), type, f);
  const time = checkTime(field('time'), previousTime);
  return { process, type, f, ...(key === undefined ? {} : { key }), ...(value === undefined ? {} : { value: value.value }), time };
}

/** A field of the event being checked: where it is, its value, whether it is there at all. */
class FieldProblem {
  constructor(
    readonly path: string,
    readonly value: unknown,
    readonly present: boolean,
  ) {}

  refuse(expected: string): never {
    throw new HistoryFormatError(this.path, this.present ? `expected ${expected}, got ${showValue(this.value)}` : `missing; expected ${expected}`);
  }
}

function checkProcess(field: FieldProblem): number {
  const value = field.value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) field.refuse('a non-negative integer naming a client');
  return value === 0 ? 0 : value; // -0 reads as process 0
}

function oneOf<T extends string>(field: FieldProblem, allowed: readonly T[]): T {
  if (!allowed.includes(field.value as T)) field.refuse(allowed.map((name) => JSON.stringify(name)).join(', ').replace(/, ([^,]*)$/, ' or $1'));
  return field.value as T;
}

function checkKey(field: FieldProblem): string {
  if (typeof field.value !== 'string') field.refuse('a string key (every kv op has one)');
  return field.value;
}

/** The event's value where it matters; undefined where the checker ignores it (fail, info). */
function checkValue(field: FieldProblem, type: EventType, f: RegisterFunction): { value: Scalar | readonly [Scalar, Scalar] } | undefined {
  if (type === 'fail' || type === 'info') return undefined;
  const value = field.value;
  if (f === 'read' && type === 'invoke') {
    if (!field.present || value !== null) field.refuse('null (a read invoke carries null)');
    return { value: null };
  }
  if (f === 'cas') {
    if (!isScalarPair(value)) field.refuse('[expected, new], a pair of JSON scalars');
    return { value: [value[0], value[1]] };
  }
  if (!field.present || !isScalar(value)) field.refuse(f === 'read' ? 'the value read, a JSON scalar' : 'the value written, a JSON scalar');
  return { value };
}

function checkTime(field: FieldProblem, previousTime: number): number {
  const value = field.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) field.refuse('a finite number');
  if (value < previousTime) throw new HistoryFormatError(field.path, `${value} is before the previous event's time ${previousTime}; times never go back`);
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
