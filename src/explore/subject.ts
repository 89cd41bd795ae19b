import type { Operation } from '../effects.js';
import type { RunCheck } from './run-check.js';
import { run, type RunOptions } from '../run.js';
import { renderError } from '../scenario/render.js';
import { executeScenario } from '../scenario/run-scenario.js';
import type { Scenario } from '../scenario/types.js';

/**
 * The program under exploration: a generator function, called afresh for
 * every run (a generator runs only once). It must set up its own state at
 * its start, since module-level state outlives a run.
 *
 * @example
 * function* main() { account.balance = 0; ... }
 */
export type Main = () => Operation<unknown>;

/**
 * The subject cannot be run at all, which is not a failure of the program
 * but of how it was handed over (say, a `main` that does not return a
 * generator). explore and replay let it through instead of reporting it as a
 * bug found; the CLI exits 2 with its message.
 *
 * @example
 * explore(() => 42 as never); // throws SubjectError: main must return a generator ...
 */
export class SubjectError extends TypeError {
  override name = 'SubjectError';
}

/**
 * Something that can be run once under given run options, throwing when the run fails.
 *
 * @example
 * const subject: Subject = programSubject(main);
 * exploreSubject(subject, { policy: 'random', runs: 100 });
 */
export interface Subject {
  /** How reports name it (`main` in a replay line). */
  readonly name: string;
  /** A generator function (replayed with `replay`) or a scenario (with `replaySubject`). */
  readonly kind: 'program' | 'scenario';
  run(options: RunOptions): unknown;
  /** The check of each whole run (see RunCheck), when the subject comes with one. */
  readonly check?: RunCheck | null;
}

/**
 * A generator function as a subject: `run(main(), options)`.
 *
 * @example
 * exploreSubject(programSubject(main, 'main'), { runs: 50 });
 */
export function programSubject(main: Main, name = main.name || 'main'): Subject {
  if (typeof main !== 'function') {
    throw new SubjectError(`explore and replay take a generator function (main, not main()), got ${typeof main}`);
  }
  if (isAsync(main)) {
    throw new SubjectError(`${name} is an async function; simloop runs generator functions: write function* ${name}() and yield* instead of await`);
  }
  return { name, kind: 'program', run: (options) => run(startMain(main, name), options) };
}

/** Calls main and checks that it gave a generator object, naming what it gave instead. */
function startMain(main: Main, name: string): Operation<unknown> {
  const coro = main() as unknown;
  const candidate = coro as Partial<Operation<unknown>> | null;
  if (candidate === null || typeof candidate !== 'object' || typeof candidate.next !== 'function' || typeof candidate.throw !== 'function') {
    const got = coro === null ? 'null' : typeof coro === 'object' ? `${(coro as object).constructor?.name ?? 'an object'}` : typeof coro;
    throw new SubjectError(`${name}() must return a generator (write function* ${name}() { ... }), but it returned ${got}`);
  }
  return candidate as Operation<unknown>;
}

function isAsync(main: Main): boolean {
  const kind = (main as { constructor?: { name?: string } }).constructor?.name;
  return kind === 'AsyncFunction' || kind === 'AsyncGeneratorFunction';
}

/** How a scenario's main ended with an error, as a thrown value: its trace line names the error. */
export class ScenarioRaised extends Error {
  constructor(rendered: string) {
    super(`the scenario's main raised ${rendered}`);
    this.name = rendered.replace(/\(.*$/s, '');
  }
}

/**
 * A scenario as a subject: it runs through `runScenario`, and it fails when
 * main raises or the run deadlocks.
 *
 * @example
 * exploreSubject(scenarioSubject(parseScenario(readFileSync('s.json', 'utf8'))));
 */
export function scenarioSubject(scenario: Scenario, name = scenario.name ?? 'scenario'): Subject {
  return {
    name,
    kind: 'scenario',
    run(options) {
      const { lines, ending } = executeScenario(scenario, options);
      if (ending.kind === 'deadlock') throw ending.error;
      if (ending.kind === 'raise') throw new ScenarioRaised(renderError(ending.error));
      return lines;
    },
  };
}
