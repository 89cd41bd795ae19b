/**
 * Checks of the leaf arguments of an op: vars, defs, resources, counts,
 * values and texts. Op lists and handlers are checked in `validate-ops.ts`.
 *
 * ```ts
 * checkLeaf('count', 1.5, { label: 'sleep ticks', path: 'defs.main[0]', context });
 * // throws "defs.main[0]: sleep ticks must be an integer >= 0, got 1.5"
 * ```
 */
import type { ResourceKind } from './types.js';
import { ScenarioError } from './validate-error.js';
import { RESOURCE_USES, type ArgKind, type ResourceUse } from './validate-op-specs.js';
import { aKind } from './validate-resources.js';
import { checkCount, checkLine, checkValue, isName, show } from './validate-values.js';

/** What the whole file declares, known before its ops are checked. */
export interface Context {
  readonly defs: ReadonlySet<string>;
  /** Declared resources; `null` for one whose own declaration is broken. */
  readonly resources: ReadonlyMap<string, ResourceKind | null>;
  /** The path of the first `spawn` binding each var. */
  readonly spawnSites: ReadonlyMap<string, string>;
  /** The first `put` on each priority_queue, which fixes the type of its values. */
  readonly priorityPuts: Map<string, { type: 'integer' | 'string'; path: string }>;
}

/** Where an argument sits: `label` is e.g. `"sleep ticks"`, `path` the op's path. */
export interface ArgSite {
  readonly label: string;
  readonly path: string;
  readonly context: Context;
}

const WAIT_MODES = ['FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED'] as const;

/** Checks one argument of a kind other than `ops` and `handlers`; returns it normalised. */
export function checkLeaf(kind: Exclude<ArgKind, 'ops' | 'handlers'>, value: unknown, site: ArgSite): unknown {
  const { label, path } = site;
  switch (kind) {
    case 'text': return checkLine(value, path, label, false);
    case 'message': return checkLine(value, path, label, false);
    case 'error': return checkLine(value, path, label, true);
    case 'count': return checkCount(value, path, label);
    case 'countOrNull': return checkCountOrNull(value, site);
    case 'binding': return checkBinding(value, site);
    case 'var': return checkUse(value, site, false);
    case 'target': return checkUse(value, site, true);
    case 'vars': return checkVars(value, site);
    case 'def': return checkDef(value, site);
    case 'value': return checkValue(value, path, label);
    case 'mode': return checkMode(value, site);
    case 'flag': return checkFlag(value, site);
    default: return checkResource(value, site, kind);
  }
}

function checkCountOrNull(value: unknown, site: ArgSite): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ScenarioError(site.path, `${site.label} must be an integer >= 0 or null, got ${show(value)}`);
  }
  return checkCount(value, site.path, site.label);
}

/** A var's name: a string, never `main` or `-` (trace names), `self` only as a cancel target. */
function checkVarName(value: unknown, site: ArgSite, allowSelf: boolean): string {
  const fail = (problem: string) => new ScenarioError(site.path, `${site.label} ${problem}`);
  if (typeof value !== 'string') throw fail(`must be a var name (a string), got ${show(value)}`);
  if (value === 'self' && !allowSelf) throw fail('may not be "self"; only cancel may target "self"');
  if (value === 'main') throw fail('may not be "main", the main task\'s name');
  if (value === '-') throw fail('may not be "-", which marks the lines of the run itself');
  if (!isName(value)) throw fail(`must be a non-empty name without whitespace, got ${show(value)}`);
  return value;
}

function checkBinding(value: unknown, site: ArgSite): string {
  const name = checkVarName(value, site, false);
  const first = site.context.spawnSites.get(name);
  if (first !== site.path) {
    throw new ScenarioError(site.path, `var ${show(name)} is already bound by the spawn at ${first}`);
  }
  return name;
}

function checkUse(value: unknown, site: ArgSite, allowSelf: boolean): string {
  const name = checkVarName(value, site, allowSelf);
  if (name !== 'self' && !site.context.spawnSites.has(name)) {
    throw new ScenarioError(site.path, `var ${show(name)} is bound by no spawn`);
  }
  return name;
}

function checkVars(value: unknown, site: ArgSite): string[] {
  if (!Array.isArray(value)) {
    throw new ScenarioError(site.path, `${site.label} must be a list of var names, got ${show(value)}`);
  }
  return value.map((item: unknown, i) => checkUse(item, { ...site, label: `${site.label}[${i}]` }, false));
}

function checkDef(value: unknown, site: ArgSite): string {
  if (typeof value !== 'string') {
    throw new ScenarioError(site.path, `${site.label} must be a def name (a string), got ${show(value)}`);
  }
  if (!site.context.defs.has(value)) {
    throw new ScenarioError(site.path, `${site.label} ${show(value)} is not declared in defs`);
  }
  return value;
}

function checkMode(value: unknown, site: ArgSite): string {
  if (!WAIT_MODES.some((mode) => mode === value)) {
    const expected = '"FIRST_COMPLETED", "FIRST_EXCEPTION" or "ALL_COMPLETED"';
    throw new ScenarioError(site.path, `${site.label} must be ${expected}, got ${show(value)}`);
  }
  return value as string;
}

function checkFlag(value: unknown, site: ArgSite): boolean {
  if (typeof value !== 'boolean') {
    throw new ScenarioError(site.path, `${site.label} must be true or false, got ${show(value)}`);
  }
  return value;
}

function checkResource(value: unknown, site: ArgSite, use: ResourceUse): string {
  if (typeof value !== 'string') {
    throw new ScenarioError(site.path, `${site.label} must be a resource name (a string), got ${show(value)}`);
  }
  if (!site.context.resources.has(value)) {
    throw new ScenarioError(site.path, `${site.label} ${show(value)} is not declared in resources`);
  }
  const kind = site.context.resources.get(value);
  const accepted: readonly ResourceKind[] = RESOURCE_USES[use];
  // A null kind means a broken declaration, reported where it is declared.
  if (kind != null && !accepted.includes(kind)) {
    throw new ScenarioError(site.path, `${site.label} must name ${anyOf(accepted)}, but ${show(value)} is ${aKind(kind)}`);
  }
  return value;
}

/** `"a lock, semaphore, bounded_semaphore or condition"`. */
function anyOf(kinds: readonly ResourceKind[]): string {
  const list = kinds.join(', ');
  const last = list.lastIndexOf(', ');
  return aKind(last < 0 ? list : `${list.slice(0, last)} or ${list.slice(last + 2)}`);
}
