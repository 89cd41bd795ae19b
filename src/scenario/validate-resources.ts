/**
 * Validation of the `resources` field: every entry names a known kind, has
 * only that kind's fields, and each field is in range. Defaults are filled in:
 *
 * ```ts
 * checkResources({ s: { kind: 'semaphore' } });
 * // { s: { kind: 'semaphore', value: 1 } }
 * checkResources({ b: { kind: 'barrier' } });
 * // throws 'resources.b: missing "parties"; a barrier needs an integer >= 1'
 * ```
 */
import type { ResourceKind, ResourceSpec } from './types.js';
import { ScenarioError } from './validate-error.js';
import { checkCount, isName, isObject, show } from './validate-values.js';

/** Every resource kind, in the order the format lists them. */
export const RESOURCE_KINDS: readonly ResourceKind[] = [
  'event', 'lock', 'semaphore', 'bounded_semaphore', 'condition', 'barrier',
  'queue', 'priority_queue', 'lifo_queue',
];

/** The one numeric field a kind may have; without `fallback` it is required. */
interface Field { name: string; min: number; fallback?: number }

const FIELDS: Record<ResourceKind, Field | null> = {
  event: null,
  lock: null,
  condition: null,
  semaphore: { name: 'value', min: 0, fallback: 1 },
  bounded_semaphore: { name: 'value', min: 0, fallback: 1 },
  barrier: { name: 'parties', min: 1 },
  queue: { name: 'maxsize', min: 0, fallback: 0 },
  priority_queue: { name: 'maxsize', min: 0, fallback: 0 },
  lifo_queue: { name: 'maxsize', min: 0, fallback: 0 },
};

/** `"an event"`, `"a queue"`: a kind (or a list of kinds) with its article, for messages. */
export function aKind(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

/**
 * The kind of each declared resource, read leniently before anything is
 * validated, so that an op can be checked against a resource declared later
 * in the file. A declared entry whose kind is unusable maps to `null`: its
 * own error is reported when `checkResources` reaches it.
 */
export function declaredKinds(resources: unknown): Map<string, ResourceKind | null> {
  const kinds = new Map<string, ResourceKind | null>();
  if (!isObject(resources)) return kinds;
  for (const [name, spec] of Object.entries(resources)) {
    const kind = isObject(spec) ? spec['kind'] : undefined;
    kinds.set(name, RESOURCE_KINDS.find((known) => known === kind) ?? null);
  }
  return kinds;
}

/** Validates the `resources` field (absent means none) and fills in defaults. */
export function checkResources(resources: unknown): Record<string, ResourceSpec> {
  if (resources === undefined) return {};
  if (!isObject(resources)) {
    throw new ScenarioError('resources', `expected an object mapping names to resources, got ${show(resources)}`);
  }
  // fromEntries, unlike assignment, keeps a resource named "__proto__" an ordinary key.
  return Object.fromEntries(Object.entries(resources).map(([name, spec]) => {
    if (!isName(name)) {
      throw new ScenarioError('resources', `resource name ${show(name)} must be non-empty and hold no whitespace`);
    }
    return [name, checkResource(spec, `resources.${name}`)];
  }));
}

function checkResource(spec: unknown, path: string): ResourceSpec {
  const expected = `expected one of ${RESOURCE_KINDS.join(', ')}`;
  if (!isObject(spec)) {
    throw new ScenarioError(path, `expected an object like {"kind":"event"}, got ${show(spec)}`);
  }
  if (!Object.hasOwn(spec, 'kind')) throw new ScenarioError(path, `missing "kind"; ${expected}`);
  const kind = RESOURCE_KINDS.find((known) => known === spec['kind']);
  if (kind === undefined) throw new ScenarioError(path, `unknown kind ${show(spec['kind'])}; ${expected}`);

  const field = FIELDS[kind];
  for (const key of Object.keys(spec)) {
    if (key === 'kind' || key === field?.name) continue;
    const allowed = field === null ? 'no field but "kind"' : `only "kind" and "${field.name}"`;
    throw new ScenarioError(path, `unknown field ${show(key)}; ${aKind(kind)} takes ${allowed}`);
  }
  if (field === null) return { kind } as ResourceSpec;

  const raw = Object.hasOwn(spec, field.name) ? spec[field.name] : undefined;
  if (raw === undefined && field.fallback === undefined) {
    throw new ScenarioError(path, `missing "${field.name}"; ${aKind(kind)} needs an integer >= ${field.min}`);
  }
  const number = raw === undefined ? field.fallback : checkCount(raw, path, field.name, field.min);
  // FIELDS pairs each kind with its own field, which is the shape ResourceSpec spells out.
  return { kind, [field.name]: number } as ResourceSpec;
}
