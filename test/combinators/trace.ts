// Traces in the scenario format (docs/scenario-format.md), so that a
// test can compare simloop's trace of a program with the trace CPython gives
// for the same program written as a scenario.
import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import {
  createTask,
  currentTask,
  getRunningLoop,
  run,
  type Loop,
  type Operation,
  type Task,
} from '../../src/index.js';
import { renderError } from '../../src/scenario/render.js';

/** A value as the format renders it: compact JSON, null for undefined. */
export function js(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Collects `<time> <task> <event>` lines, as the scenario runner emits them. */
export class Tracer {
  readonly lines: string[] = [];
  private loop: Loop | null = null;

  emit(event: string): void {
    this.loop = getRunningLoop();
    this.lines.push(`${this.loop.time()} ${currentTask().getName()} ${event}`);
  }

  /** A def's body as a task runs it: `start`, the body, then `exit return <v>` or `exit raise <e>`. */
  *def<T>(body: () => Operation<T>): Operation<T> {
    this.emit('start');
    let value: T;
    try {
      value = yield* body();
    } catch (error) {
      this.emit(`exit raise ${renderError(error)}`);
      throw error;
    }
    this.emit(`exit return ${js(value)}`);
    return value;
  }

  /** ["spawn", name, def]: a task named `name` running `body` as a def. */
  spawn<T>(name: string, body: () => Operation<T>): Task<T> {
    const task = createTask(this.def(body), { name });
    this.emit(`spawn ${name}`);
    return task;
  }

  /** ["cancel", target, msg?]. */
  cancel(target: string, task: Task<unknown>, msg?: string): void {
    this.emit(`cancel ${target} -> ${String(task.cancel(msg))}`);
  }

  /** Runs `main` as the scenario's main def and returns the whole trace, ending with the run's line. */
  run(main: () => Operation<unknown>): string[] {
    let outcome: string;
    try {
      outcome = `return ${js(run(this.def(main), { strict: true }))}`;
    } catch (error) {
      outcome = `raise ${renderError(error)}`;
    }
    this.lines.push(`${this.loop?.time() ?? 0} - run -> ${outcome}`);
    return this.lines;
  }
}

/** Runs `main` with a fresh tracer and returns the trace. */
export function traceOf(main: (t: Tracer) => Operation<unknown>): string[] {
  const tracer = new Tracer();
  return tracer.run(() => main(tracer));
}

/** A task's status, as ["status", var] shows it, without waiting. */
export function status(task: Task<unknown>): string {
  if (!task.done()) return 'pending';
  if (task.cancelled()) return 'cancelled';
  try {
    return `result ${js(task.result())}`;
  } catch (error) {
    return `error ${renderError(error)}`;
  }
}

interface Reference {
  run(scenarioText: string): string;
}

const referencePath = new URL('../reference/cpython.ts', import.meta.url);
let reference: Promise<Reference | null> | undefined;

/**
 * The CPython reference, if this checkout has it. SIMLOOP_REFERENCE=off
 * leaves it out (mutation testing runs thousands of test runs, and loading
 * pyodide in each would dominate them); CI never sets it.
 */
function loadReferenceIfPresent(): Promise<Reference | null> {
  reference ??= existsSync(referencePath) && process.env['SIMLOOP_REFERENCE'] !== 'off'
    ? import('../reference/cpython.js').then((module: { loadReference(): Promise<Reference> }) => module.loadReference())
    : Promise.resolve(null);
  return reference;
}

/**
 * Asserts that real CPython 3.14 gives `expected` for `scenario` (the same
 * program as the simloop test, written in the scenario format). Does nothing
 * when the reference is absent.
 */
export async function expectCPython(scenario: { main?: string; defs: Record<string, unknown[]> }, expected: string[]): Promise<void> {
  const ref = await loadReferenceIfPresent();
  if (ref === null) return;
  const text = JSON.stringify({ format: 'simloop-scenario/1', main: 'main', ...scenario });
  expect(ref.run(text).split('\n')).toEqual(expected);
}
