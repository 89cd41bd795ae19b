/**
 * `parseScenario` turns the text of a scenario file into a validated
 * `Scenario`, or throws a `ScenarioError` naming the first problem in the
 * file (see `docs/scenario-format.md`, "Invalid scenarios").
 *
 * ```ts
 * const scenario = parseScenario(readFileSync('cancel.json', 'utf8'));
 * scenario.defs[scenario.main]; // the ops of the main task
 *
 * parseScenario('{"format":"simloop-scenario/1","main":"m","defs":{"m":[["sleeep",1]]}}');
 * // throws 'defs.m[0]: unknown op "sleeep"'
 * ```
 *
 * Errors are reported in document order: the format first (a file for
 * another format is judged by nothing else), then a missing `main` or `defs`,
 * then the top-level fields in the order the file has them. Names used
 * before their declaration (a resource declared after `defs`, a var spawned
 * later in the file) are known up front from a lenient first reading.
 */
import type { Op, ResourceSpec, Scenario } from './types.js';
import { checkBody } from './validate-ops.js';
import type { Context } from './validate-args.js';
import { ScenarioError } from './validate-error.js';
import { checkResources, declaredKinds } from './validate-resources.js';
import { collectSpawnSites } from './validate-spawns.js';
import { isName, isObject, show } from './validate-values.js';

export { ScenarioError } from './validate-error.js';

const FORMAT = 'simloop-scenario/1';

/**
 * Parses and validates a scenario file's text; throws `ScenarioError` if it is invalid.
 *
 * @example
 * const lines = runScenario(parseScenario(readFileSync('self-cancel.json', 'utf8')));
 */
export function parseScenario(text: string): Scenario {
  const file = parseJson(text);
  if (!isObject(file)) throw new ScenarioError('$', `a scenario must be a JSON object, got ${show(file)}`);
  if (!Object.hasOwn(file, 'format')) throw new ScenarioError('format', `missing; expected "${FORMAT}"`);
  if (file['format'] !== FORMAT) throw new ScenarioError('format', `expected "${FORMAT}", got ${show(file['format'])}`);
  if (!Object.hasOwn(file, 'main')) throw new ScenarioError('main', 'missing; expected the name of a def');
  if (!Object.hasOwn(file, 'defs')) throw new ScenarioError('defs', 'missing; expected an object mapping def names to lists of ops');

  const context: Context = {
    defs: new Set(isObject(file['defs']) ? Object.keys(file['defs']) : []),
    resources: declaredKinds(file['resources']),
    spawnSites: collectSpawnSites(file['defs']),
    priorityPuts: new Map(),
  };
  let main = '';
  let resources: Record<string, ResourceSpec> = {};
  let defs: Record<string, Op[]> = {};
  for (const key of Object.keys(file)) {
    if (key === 'main') main = checkMain(file['main'], isObject(file['defs']), context);
    if (key === 'resources') resources = checkResources(file['resources']);
    if (key === 'defs') defs = checkDefs(file['defs'], context);
  }
  const name = file['name'];
  return { format: FORMAT, ...(typeof name === 'string' ? { name } : {}), main, resources, defs };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8 quotes the text around the error, line breaks and all; keep the message on one line.
    const message = (error as Error).message.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
    throw new ScenarioError('$', `invalid JSON: ${message}`);
  }
}

function checkMain(main: unknown, defsIsObject: boolean, context: Context): string {
  if (typeof main !== 'string') {
    throw new ScenarioError('main', `expected the name of a def (a string), got ${show(main)}`);
  }
  // When defs itself is broken, its own error says so when its turn comes.
  if (defsIsObject && !context.defs.has(main)) {
    throw new ScenarioError('main', `${show(main)} is not declared in defs`);
  }
  return main;
}

function checkDefs(defs: unknown, context: Context): Record<string, Op[]> {
  if (!isObject(defs)) {
    throw new ScenarioError('defs', `expected an object mapping def names to lists of ops, got ${show(defs)}`);
  }
  // fromEntries, unlike assignment, keeps a def named "__proto__" an ordinary key.
  return Object.fromEntries(Object.entries(defs).map(([name, body]) => {
    if (!isName(name)) {
      throw new ScenarioError('defs', `def name ${show(name)} must be non-empty and hold no whitespace`);
    }
    const path = `defs.${name}`;
    if (!Array.isArray(body)) throw new ScenarioError(path, `body must be a list of ops, got ${show(body)}`);
    return [name, checkBody(body, path, context)];
  }));
}
