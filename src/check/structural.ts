/**
 * The default equality and hash of model states: structural, for the plain
 * data a model's state should be (scalars, arrays, plain objects, Maps and
 * Sets). Anything else (a class instance, a function) is compared by
 * identity, which is always safe: two states wrongly thought different only
 * cost the search some repeated work, while two wrongly thought equal would
 * prune a linearization it needed.
 */

/** Deep equality of plain data; numbers as `===` (so 0 equals -0), objects whatever their key order. */
export function structuralEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const kind = kindOf(a);
  if (kind !== kindOf(b) || kind === 'other') return false;
  if (kind === 'array') return arraysEqual(a as unknown[], b as unknown[]);
  if (kind === 'map') return mapsEqual(a as Map<unknown, unknown>, b as Map<unknown, unknown>);
  if (kind === 'set') return setsEqual(a as Set<unknown>, b as Set<unknown>);
  return recordsEqual(a as Record<string, unknown>, b as Record<string, unknown>);
}

/** A 32-bit hash that agrees with `structuralEqual`: equal data hash equal. */
export function structuralHash(value: unknown): number {
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) && Math.abs(value) <= 0x7fffffff ? mix(value | 0) : textHash(String(value));
    case 'string':
      return textHash(value);
    case 'boolean':
      return value ? 0x74727565 : 0x66616c73;
    case 'bigint':
      return textHash(`${value}n`);
    case 'undefined':
      return 0x756e6465;
    case 'object':
      return objectHash(value);
    default:
      return 0x66756e63; // functions and symbols: compared by identity, all in one bucket
  }
}

type Kind = 'array' | 'map' | 'set' | 'record' | 'other';

function kindOf(value: object): Kind {
  if (Array.isArray(value)) return 'array';
  if (value instanceof Map) return 'map';
  if (value instanceof Set) return 'set';
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null ? 'record' : 'other';
}

function arraysEqual(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!structuralEqual(a[i], b[i])) return false;
  return true;
}

function recordsEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.hasOwn(b, key) || !structuralEqual(a[key], b[key])) return false;
  return true;
}

function mapsEqual(a: Map<unknown, unknown>, b: Map<unknown, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (!b.has(key) || !structuralEqual(value, b.get(key))) return false;
  return true;
}

function setsEqual(a: Set<unknown>, b: Set<unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

function objectHash(value: object | null): number {
  if (value === null) return 0x6e756c6c;
  const kind = kindOf(value);
  if (kind === 'array') {
    let hash = 0x61727261;
    for (const item of value as unknown[]) hash = mix(hash ^ structuralHash(item));
    return hash;
  }
  // Maps, Sets and records hash their entries in an order-free way (a sum), as they compare.
  let hash = 0;
  if (kind === 'record') for (const [key, item] of Object.entries(value)) hash = (hash + mix(textHash(key) ^ structuralHash(item))) | 0;
  else if (kind === 'map') for (const [key, item] of value as Map<unknown, unknown>) hash = (hash + mix(keyHash(key) ^ structuralHash(item))) | 0;
  else if (kind === 'set') for (const item of value as Set<unknown>) hash = (hash + mix(keyHash(item))) | 0;
  else return 0x6f746872; // compared by identity: one bucket
  return mix(hash ^ kind.length);
}

/** A Map key or Set item is found by SameValueZero, so an object key hashes only by being an object. */
function keyHash(key: unknown): number {
  return typeof key === 'object' && key !== null ? 0x6f626a6b : structuralHash(key);
}

function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}

function mix(x: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) | 0;
}
