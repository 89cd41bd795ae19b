// Fuzzing the command line's input, in process: random JSON and mutated
// corpus scenarios (test/scenarios/*.json) go through cli(argv, io) as
// `simloop scenario` (mostly), `replay` and `explore`. Whatever the file,
// the command must end with exit status 0, 1 or 2, write at most one line
// on stderr (none on success), and never crash, print a stack trace, report
// an internal error or run without end (every run here is bounded by a step
// budget, and a case that takes more than a few seconds fails). Fixed seed;
// PROPERTY_RUNS_SCALE=10 for a longer search.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cli } from '../src/cli.js';
import { propertyRuns } from './runs.js';

const SEED = 1919;
const CORPUS_DIR = new URL('../test/scenarios/', import.meta.url);
const CORPUS: readonly unknown[] = readdirSync(CORPUS_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(new URL(name, CORPUS_DIR), 'utf8')) as unknown);
const FILE = join(mkdtempSync(join(tmpdir(), 'simloop-fuzz-')), 'fuzz.json');
/** The longest one case may take: far above any legitimate case, short of a hang. */
const CASE_LIMIT_MS = 5_000;

/** A place in a JSON tree: the container and the key or index of the value. */
type Slot = { readonly parent: Record<string, unknown> | unknown[]; readonly key: string | number };

/** Every slot of the tree, parents before children: explicit stack, no recursion. */
function slotsOf(root: unknown): Slot[] {
  const slots: Slot[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) node.forEach((child, index) => (slots.push({ parent: node, key: index }), stack.push(child)));
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) slots.push({ parent: node as Record<string, unknown>, key }), stack.push(child);
    }
  }
  return slots;
}

/** Marks a value to be written as N nested arrays: JSON.stringify itself would overflow on it. */
const DEEP = '\u0000deep:';

/** What a mutation puts in place of a value. */
const replacement: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 },
  { arbitrary: fc.integer({ min: -3, max: 30 }), weight: 4 },
  { arbitrary: fc.constantFrom(9007199254740991, 2 ** 60, -0, 1.5, 1e308, 0, true, null, '', 'x\ny', [], {}), weight: 3 },
  { arbitrary: fc.constantFrom('main', 'self', '-', '*', 'Exception', 'CancelledError', 'FIRST_COMPLETED', 'event', 'lock', 'queue'), weight: 2 },
  { arbitrary: fc.integer({ min: 50, max: 20_000 }).map((depth) => `${DEEP}${depth}`), weight: 1 },
  { arbitrary: fc.constant('x'.repeat(100_000)), weight: 1 },
);

/** Ops that a mutation may insert into an op list: they mostly keep the file valid, so the run itself is fuzzed. */
const insertedOp: fc.Arbitrary<readonly unknown[]> = fc.oneof<fc.Arbitrary<readonly unknown[]>[]>(
  fc.constantFrom(['log', 'x'], ['sleep', 0], ['sleep', 7], ['cancel', 'self'], ['cancel', 'self', 'why'], ['uncancel'], ['cancelling'], ['raise', 'Boom'], ['reraise']),
  fc.constantFrom(['repeat', 9007199254740991, [['log', 'x']]], ['repeat', 9007199254740991, [['sleep', 0]]], ['repeat', 3, []], ['return', 1]),
  fc.constantFrom(['try', [['raise', 'Boom']], [['*', [['reraise']]]]], ['timeout', 0, [['sleep', 5]]], ['group', [['log', 'g']]], ['try', [['sleep', 1]], [], [['log', 'f']]]),
);

/**
 * One change to a parsed scenario. `replace`, `delete`, `duplicate` and
 * `swap` act on any value and mostly make the file invalid; `count` changes
 * an integer and `insert` adds an op to an op list, which mostly keep it
 * valid, so that runs, not only validation, meet odd input.
 */
type Mutation = {
  readonly at: number;
  readonly kind: 'replace' | 'delete' | 'duplicate' | 'swap' | 'count' | 'insert';
  readonly value: unknown;
  readonly other: number;
  readonly count: number;
  readonly op: readonly unknown[];
};

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'duplicate', 'swap', 'count', 'count', 'insert', 'insert', 'insert'),
  value: replacement,
  other: fc.nat(),
  count: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(9007199254740991, 1_000_000)),
  op: insertedOp,
});

function isOpList(value: unknown): value is unknown[][] {
  return Array.isArray(value) && value.every((op) => Array.isArray(op) && typeof op[0] === 'string');
}

function mutate(root: unknown, change: Mutation): void {
  const all = slotsOf(root);
  const slots =
    change.kind === 'count' ? all.filter(({ parent, key }) => Number.isInteger((parent as Record<string | number, unknown>)[key]))
    : change.kind === 'insert' ? all.filter(({ parent, key }) => isOpList((parent as Record<string | number, unknown>)[key]))
    : all;
  if (slots.length === 0) return;
  const { parent, key } = slots[change.at % slots.length]!;
  if (change.kind === 'count') return void ((parent as Record<string | number, unknown>)[key] = change.count);
  if (change.kind === 'insert') {
    const list = (parent as Record<string | number, unknown[]>)[key]!;
    return void list.splice(change.other % (list.length + 1), 0, structuredClone(change.op));
  }
  const container = parent as Record<string | number, unknown>;
  if (change.kind === 'replace') container[key] = change.value;
  else if (change.kind === 'delete') Array.isArray(parent) ? parent.splice(key as number, 1) : delete container[key];
  else if (Array.isArray(parent) && change.kind === 'duplicate') parent.splice(key as number, 0, structuredClone(parent[key as number]));
  else if (Array.isArray(parent)) {
    const other = change.other % parent.length;
    [parent[key as number], parent[other]] = [parent[other], parent[key as number]];
  }
}

function textOf(value: unknown): string {
  return JSON.stringify(value).replace(new RegExp(`"${DEEP}(\\d+)"`, 'g'), (_, depth: string) => `${'['.repeat(Number(depth))}${']'.repeat(Number(depth))}`);
}

/** A mutated corpus scenario, as text; sometimes cut short or with a stray character. */
const mutatedScenario: fc.Arbitrary<string> = fc
  .tuple(fc.nat(CORPUS.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.oneof({ arbitrary: fc.constant(null), weight: 9 }, { arbitrary: fc.tuple(fc.nat(), fc.string({ maxLength: 2 })), weight: 1 }))
  .map(([index, changes, textChange]) => {
    const scenario = structuredClone(CORPUS[index]);
    for (const change of changes) mutate(scenario, change);
    const text = textOf(scenario);
    if (textChange === null) return text;
    const [at, inserted] = textChange;
    const cut = at % (text.length + 1);
    return `${text.slice(0, cut)}${inserted}${text.slice(cut + (inserted === '' ? text.length : 0))}`;
  });

/** Random JSON, now and then shaped like a scenario. */
const randomJson: fc.Arbitrary<string> = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.record({ format: fc.constant('simloop-scenario/1'), main: fc.constantFrom('main', 'm'), defs: fc.dictionary(fc.constantFrom('main', 'w', 'm'), fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 })) }).map((file) => JSON.stringify(file)),
);

/** The command line a file goes through (FILE stands for it): mostly `scenario`; `replay` and a short `explore` now and then. */
const commandLine: fc.Arbitrary<readonly string[]> = fc.oneof(
  { arbitrary: fc.constant(['scenario', 'FILE', '--max-steps', '20000']), weight: 12 },
  { arbitrary: fc.constantFrom('1', '0', 'x', '-5', '1e3', '99999999999999999999').map((steps) => ['scenario', 'FILE', '--max-steps', steps]), weight: 1 },
  { arbitrary: fc.constantFrom('v1;', 'v1;1,0x3,2', 'v1;*;1', 'v2;0', '', 'v1;0x99999999999').map((schedule) => ['replay', 'FILE', '--schedule', schedule, '--max-steps', '20000']), weight: 2 },
  { arbitrary: fc.constant(['explore', 'FILE', '--runs', '2', '--max-steps', '20000', '--no-shrink', '--no-self-check', '--no-progress']), weight: 1 },
);

function argvFor(commandLine: readonly string[]): string[] {
  return commandLine.map((arg) => (arg === 'FILE' ? FILE : arg));
}

interface Outcome {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

/** How many cases ended with each status, so a property that only ever exercises one path shows. */
const statuses = new Map<string, number>();

function runCli(argv: string[]): Outcome {
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const status = cli(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  const key = `${argv[0]} ${status}`;
  statuses.set(key, (statuses.get(key) ?? 0) + 1);
  return { status, stdout, stderr, elapsedMs: performance.now() - started };
}

/**
 * The rule every outcome keeps; a sentence for the first one it breaks.
 * Exit 2 (bad input) and a scenario's exit 1 (its budget) say why in one
 * line on stderr; explore's and replay's exit 1 (a failing run) report on
 * stdout; success writes nothing on stderr.
 */
function brokenRule(argv: readonly string[], outcome: Outcome): string | null {
  if (![0, 1, 2].includes(outcome.status)) return `exit status ${outcome.status}`;
  if (outcome.elapsedMs > CASE_LIMIT_MS) return `took ${Math.round(outcome.elapsedMs)} ms`;
  const { stderr } = outcome;
  const oneLine = /^simloop: [^\n]*\n$/.test(stderr);
  if (outcome.status === 0 && stderr !== '') return `exit 0 with stderr ${JSON.stringify(stderr.slice(0, 200))}`;
  if ((outcome.status === 2 || argv[0] === 'scenario') && outcome.status !== 0 && !oneLine) return `not one line on stderr: ${JSON.stringify(stderr.slice(0, 300))}`;
  if (outcome.status === 1 && stderr !== '' && !oneLine) return `more than one line on stderr: ${JSON.stringify(stderr.slice(0, 300))}`;
  if (stderr.includes('internal error')) return `an internal error: ${stderr.trim()}`;
  if (stderr.length > 1_000) return `a stderr line of ${stderr.length} characters`;
  return null;
}

describe('the command line on fuzzed input', () => {
  it('ends every run with exit 0, 1 or 2 and at most one line on stderr: mutated corpus scenarios', () => {
    fc.assert(
      fc.property(mutatedScenario, commandLine, (text, line) => {
        writeFileSync(FILE, text);
        expect(brokenRule(line, runCli(argvFor(line)))).toBeNull();
      }),
      { seed: SEED, numRuns: propertyRuns(1500) },
    );
  });

  it('ends every run with exit 0, 1 or 2 and at most one line on stderr: random JSON', () => {
    fc.assert(
      fc.property(randomJson, commandLine, (text, line) => {
        writeFileSync(FILE, text);
        expect(brokenRule(line, runCli(argvFor(line)))).toBeNull();
      }),
      { seed: SEED + 1, numRuns: propertyRuns(1000) },
    );
  });

  it('reached every outcome: runs that ended, budgets spent, files refused', () => {
    // Not vacuous: the mutations above kept enough files valid to fuzz the runs themselves.
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining(['scenario 0', 'scenario 1', 'scenario 2', 'replay 0', 'replay 2']));
    expect(statuses.get('scenario 0')).toBeGreaterThan(100);
  });

  it('the corpus itself runs cleanly: exit 0, a closing line, nothing on stderr', () => {
    for (const scenario of CORPUS) {
      writeFileSync(FILE, JSON.stringify(scenario));
      const outcome = runCli(['scenario', FILE]);
      expect([outcome.status, outcome.stderr, /\n\d+ - run -> \S/.test(outcome.stdout)]).toEqual([0, '', true]);
    }
  });
});
