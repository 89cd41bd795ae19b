import { existsSync, readFileSync } from 'node:fs';
import { firstLine } from '../report/trace.js';
import { createRequire } from 'node:module';
import { basename, resolve } from 'node:path';
import { parseScenario } from '../../scenario/validate.js';
import type { ExploreOptions } from '../explore.js';
import type { Invariant } from '../report/run-monitor.js';
import type { RunCheck } from '../run-check.js';
import { programSubject, scenarioSubject, type Subject } from '../subject.js';

/**
 * A program loaded from a file, with what the file says about exploring it.
 *
 * @example
 * const { subject, invariant, defaults }: LoadedSubject = loadSubject('dist/examples/leaky-semaphore.js');
 * exploreSubject(subject, { ...defaults, invariant, runs: 500 });
 */
export interface LoadedSubject {
  readonly subject: Subject;
  readonly invariant: Invariant | null;
  /** The module's `exploreOptions` export: defaults that command-line flags override. */
  readonly defaults: ExploreOptions;
}

/** The exploreOptions a module may set (plain data, so workers can get them too). */
const MODULE_OPTIONS = ['policy', 'runs', 'seed', 'depth', 'preemptions', 'faults', 'cancel', 'maxSteps', 'invariantAt', 'unretrievedErrors', 'callbackErrors'] as const;

/**
 * A file that cannot be explored: unreadable, an invalid scenario, or a module without `main`.
 *
 * @example
 * try {
 *   loadSubject('dist/no-main.js');
 * } catch (error) {
 *   if (error instanceof SubjectLoadError) console.error(error.message); // names the file and what it lacks
 * }
 */
export class SubjectLoadError extends Error {
  override name = 'SubjectLoadError';
}

/**
 * Loads what `simloop explore FILE` explores: a scenario (`.json`), or a
 * built JavaScript module exporting `main` (a generator function) and
 * optionally `invariant`, `check` (a RunCheck) and `exploreOptions`. Synchronous: a module is
 * loaded with require(), which Node (≥ 20.19) allows for ES modules without
 * top-level await.
 *
 * @example
 * const { subject, invariant } = loadSubject('dist/examples/lost-update.js');
 */
export function loadSubject(file: string): LoadedSubject {
  if (file.endsWith('.json')) return loadScenario(file);
  const require = createRequire(import.meta.url);
  if (TYPESCRIPT_FILE.test(file) && !canLoadTypeScript(require)) {
    throw new SubjectLoadError(
      `cannot load ${file}: it is TypeScript, which Node ${process.version} cannot run as it is. ` +
        'Compile it first (npx tsc) and give simloop the .js file, or run simloop under a TypeScript loader: ' +
        `npx tsx node_modules/.bin/simloop explore ${file}`,
    );
  }
  if (!existsSync(file)) throw new SubjectLoadError(`cannot load ${file}: no such file`);
  let module: Record<string, unknown>;
  try {
    module = require(resolve(file)) as Record<string, unknown>;
  } catch (error) {
    throw new SubjectLoadError(`cannot load ${file}: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
  const main = module['main'];
  if (typeof main !== 'function') {
    const got = main === undefined ? 'it exports no main' : `its main is ${typeof main}`;
    throw new SubjectLoadError(`${file} must export main, a generator function (export function* main() {...}); ${got}`);
  }
  const kind = (main as { constructor?: { name?: string } }).constructor?.name;
  if (kind === 'AsyncFunction' || kind === 'AsyncGeneratorFunction') {
    throw new SubjectLoadError(`${file}: main is an async function; simloop runs generator functions: export function* main() and yield* instead of await`);
  }
  const invariant = module['invariant'];
  if (invariant !== undefined && typeof invariant !== 'function') throw new SubjectLoadError(`${file}: invariant must be a function`);
  const check = module['check'];
  if (check !== undefined && typeof check !== 'function') throw new SubjectLoadError(`${file}: check must be a function (a RunCheck)`);
  return {
    subject: { ...programSubject(main as () => Generator<never, unknown, unknown>, 'main'), check: (check as RunCheck | undefined) ?? null },
    invariant: (invariant as Invariant | undefined) ?? null,
    defaults: pickOptions(file, module['exploreOptions']),
  };
}

const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;

/**
 * Whether require() here can load TypeScript: a loader such as tsx or
 * ts-node has registered the extension, or this Node strips types itself.
 */
function canLoadTypeScript(require: NodeJS.Require): boolean {
  const features = process.features as { typescript?: unknown };
  return require.extensions['.ts'] !== undefined || (typeof features.typescript === 'string' && features.typescript !== '');
}

function loadScenario(file: string): LoadedSubject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SubjectLoadError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return { subject: scenarioSubject(parseScenario(text), basename(file, '.json')), invariant: null, defaults: {} };
  } catch (error) {
    throw new SubjectLoadError(`invalid scenario ${file}: ${(error as Error).message}`);
  }
}

function pickOptions(file: string, value: unknown): ExploreOptions {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object') throw new SubjectLoadError(`${file}: exploreOptions must be an object`);
  const options: Record<string, unknown> = {};
  for (const [key, option] of Object.entries(value)) {
    if (!(MODULE_OPTIONS as readonly string[]).includes(key)) {
      throw new SubjectLoadError(`${file}: exploreOptions.${key} is not an option a module may set (${MODULE_OPTIONS.join(', ')})`);
    }
    options[key] = option;
  }
  return options as ExploreOptions;
}
