/**
 * What a set of scenarios exercises: per op, per notable construct (a nested
 * try in a handler, reraise in a finally, cancel self...) and per placement
 * (an op inside each kind of block), how many scenarios contain it. The
 * conformance run prints it, and the generator's test demands that nothing
 * the format allows is left out, so that a rare combination is not left to
 * chance.
 *
 * ```ts
 * const coverage = new Coverage();
 * for (const scenario of fc.sample(scenarioArbitrary(), 500)) coverage.add(scenario);
 * console.log(coverage.report());
 * ```
 */
import { OP_NAMES, type Op, type OpName, type Scenario } from '../src/scenario/types.js';
import { visitOps } from './scenario-arbitrary.js';

/** The blocks an op can sit in; a placement is an op inside one of them, at any depth. */
export const BLOCKS = ['try body', 'handler', 'finally', 'repeat', 'timeout', 'group', 'with'] as const;
type Block = (typeof BLOCKS)[number];

/** The innermost handler or finally around an op, and whether a nested try in it has already ended. */
interface Handling {
  readonly kind: 'handler' | 'finally';
  nestedTryBefore: boolean;
}

/** Where an op sits: its def, its enclosing blocks (outermost first), its innermost handler or finally. */
interface Where {
  readonly def: string;
  readonly blocks: readonly Block[];
  readonly handling: Handling | null;
  /** Inside `with` on a condition, where condition ops hold its lock. */
  readonly holdsCondition: boolean;
}

/** The scenario an op is read in, with the def that spawns each var. */
interface Facts {
  readonly scenario: Scenario;
  readonly spawnedBy: ReadonlyMap<string, string>;
}

/** The names `["raise", name]` turns into real errors, and the handler patterns the format reserves. */
const RESERVED_ERRORS = ['CancelledError', 'TimeoutError', 'BrokenBarrierError'];
const RESERVED_PATTERNS = ['CancelledError', 'TimeoutError', 'ExceptionGroup', 'BrokenBarrierError', 'Exception', '*'];
/** The ops that name a queue. */
const QUEUE_OPS: readonly OpName[] = ['put', 'get', 'task_done', 'queue_join'];

/** A notable construct: its name, the ops it is found on, and whether one such op at `where` is it. */
type Construct = readonly [string, readonly OpName[], (op: Op, where: Where, facts: Facts) => boolean];

/** The notable constructs, reported in this order. */
const CONSTRUCTS: ReadonlyArray<Construct> = [
  ['nested try in handler', ['try'], (op, w) => op[0] === 'try' && w.blocks.includes('handler')],
  ['nested try in finally', ['try'], (op, w) => op[0] === 'try' && w.blocks.includes('finally')],
  ['reraise in handler', ['reraise'], (op, w) => op[0] === 'reraise' && w.handling?.kind === 'handler'],
  ['reraise in finally', ['reraise'], (op, w) => op[0] === 'reraise' && w.handling?.kind === 'finally'],
  ['reraise outside handler', ['reraise'], (op, w) => op[0] === 'reraise' && w.handling === null],
  ['reraise after nested try in handler', ['reraise'], (op, w) => op[0] === 'reraise' && w.handling?.kind === 'handler' && w.handling.nestedTryBefore],
  ['reraise after nested try in finally', ['reraise'], (op, w) => op[0] === 'reraise' && w.handling?.kind === 'finally' && w.handling.nestedTryBefore],
  ['raise in handler', ['raise'], (op, w) => op[0] === 'raise' && w.handling?.kind === 'handler'],
  ['raise in finally', ['raise'], (op, w) => op[0] === 'raise' && w.handling?.kind === 'finally'],
  ['return in handler', ['return'], (op, w) => op[0] === 'return' && w.handling?.kind === 'handler'],
  ['return in finally', ['return'], (op, w) => op[0] === 'return' && w.handling?.kind === 'finally'],
  ['return in a block', ['return'], (op, w) => op[0] === 'return' && w.blocks.length > 0],
  ['try with finally', ['try'], (op) => op[0] === 'try' && op[3] !== undefined],
  ['try with only a finally', ['try'], (op) => op[0] === 'try' && op[2].length === 0 && op[3] !== undefined],
  ['try with two handlers', ['try'], (op) => op[0] === 'try' && op[2].length >= 2],
  ...RESERVED_ERRORS.map((name): Construct => [`raise ${name}`, ['raise'], (op) => op[0] === 'raise' && op[1] === name]),
  ['raise an application error', ['raise'], (op) => op[0] === 'raise' && !RESERVED_ERRORS.includes(op[1])],
  ...RESERVED_PATTERNS.map((pattern): Construct => [`pattern ${pattern}`, ['try'], (op) => op[0] === 'try' && op[2].some(([p]) => p === pattern)]),
  ['pattern an error name', ['try'], (op) => op[0] === 'try' && op[2].some(([p]) => !RESERVED_PATTERNS.includes(p))],
  ['cancel self', ['cancel'], (op) => op[0] === 'cancel' && op[1] === 'self'],
  ['cancel self in handler', ['cancel'], (op, w) => op[0] === 'cancel' && op[1] === 'self' && w.handling !== null],
  ['cancel with a message', ['cancel'], (op) => op[0] === 'cancel' && op.length === 3 && op[2] !== ''],
  ['cancel with an empty message', ['cancel'], (op) => op[0] === 'cancel' && op.length === 3 && op[2] === ''],
  ['uncancel in handler', ['uncancel'], (op, w) => op[0] === 'uncancel' && w.handling?.kind === 'handler'],
  ['sleep 0', ['sleep'], (op) => op[0] === 'sleep' && op[1] === 0],
  ['repeat 0 times', ['repeat'], (op) => op[0] === 'repeat' && op[1] === 0],
  ['spawn in group', ['spawn'], (op, w) => op[0] === 'spawn' && w.blocks.includes('group')],
  ['group in group', ['group'], (op, w) => op[0] === 'group' && w.blocks.includes('group')],
  ['timeout in timeout', ['timeout'], (op, w) => op[0] === 'timeout' && w.blocks.includes('timeout')],
  ['var of another def', ['await', 'shield', 'status', 'wait_for', 'cancel', 'gather', 'wait'], (op, w, f) => namedVars(op).some((v) => f.spawnedBy.get(v) !== w.def)],
  ['gather return_exceptions', ['gather'], (op) => op[0] === 'gather' && op[2]],
  ['gather of several', ['gather'], (op) => op[0] === 'gather' && op[1].length > 1],
  ...['FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED'].map((mode): Construct => [`wait ${mode}`, ['wait'], (op) => op[0] === 'wait' && op[2] === mode]),
  ['wait with a timeout', ['wait'], (op) => op[0] === 'wait' && op[3] !== null],
  ...['lock', 'semaphore', 'bounded_semaphore', 'condition'].map(
    (kind): Construct => [`with ${kind}`, ['with'], (op, _w, f) => op[0] === 'with' && kindOf(f, op[1]) === kind],
  ),
  ['semaphore of value 0', ['with'], (op, _w, f) => op[0] === 'with' && valueOf(f, op[1]) === 0],
  ['condition op without its lock', ['cond_wait', 'cond_notify', 'cond_notify_all'], (_op, w) => !w.holdsCondition],
  ...['queue', 'priority_queue', 'lifo_queue'].map(
    (kind): Construct => [`kind ${kind}`, QUEUE_OPS, (op, _w, f) => kindOf(f, op[1] as string) === kind],
  ),
  ['bounded queue', QUEUE_OPS, (op, _w, f) => maxsizeOf(f, op[1] as string) > 0],
  ['barrier of several parties', ['barrier_wait'], (op, _w, f) => op[0] === 'barrier_wait' && partiesOf(f, op[1]) > 1],
];

/** Every construct's name, in report order. */
export const CONSTRUCT_NAMES: readonly string[] = CONSTRUCTS.map(([name]) => name);

/** The constructs to try on an op, by its name: featuresOf runs on every generated scenario. */
const CONSTRUCTS_BY_OP = new Map<OpName, Construct[]>(OP_NAMES.map((name) => [name, CONSTRUCTS.filter(([, ops]) => ops.includes(name))]));

/**
 * Every placement the format allows: each op inside each kind of block
 * (`try body > await`), but no `spawn` inside `repeat` (a var may be bound
 * only once).
 */
export const PLACEMENTS: readonly string[] = BLOCKS.flatMap((block) =>
  OP_NAMES.filter((name) => !(name === 'spawn' && block === 'repeat')).map((name) => placement(block, name)),
);

// Ops, constructs and placements share one namespace (featuresOf's set).
if (new Set([...OP_NAMES, ...CONSTRUCT_NAMES, ...PLACEMENTS]).size !== OP_NAMES.length + CONSTRUCT_NAMES.length + PLACEMENTS.length) {
  throw new Error('scenario-coverage: a construct is named like an op or a placement');
}

/** A placement's name: `handler > reraise` is a reraise somewhere inside a handler. */
function placement(block: Block, op: OpName): string {
  return `${block} > ${op}`;
}

/** What one scenario contains: its ops, constructs and placements, each once. */
export function featuresOf(scenario: Scenario): Set<string> {
  const spawnedBy = new Map<string, string>();
  for (const [def, ops] of Object.entries(scenario.defs)) visitOps(ops, (op) => void (op[0] === 'spawn' && spawnedBy.set(op[1], def)));
  const facts: Facts = { scenario, spawnedBy };
  const found = new Set<string>();
  for (const [def, ops] of Object.entries(scenario.defs)) {
    walk(facts, ops, { def, blocks: [], handling: null, holdsCondition: false }, (op, where) => {
      found.add(op[0]);
      for (const [name, , holds] of CONSTRUCTS_BY_OP.get(op[0]) as Construct[]) if (holds(op, where, facts)) found.add(name);
      for (const block of where.blocks) found.add(placement(block, op[0]));
    });
  }
  return found;
}

/** Calls `visit` on every op of `ops` in document order, with where it sits. */
function walk(facts: Facts, ops: readonly Op[], where: Where, visit: (op: Op, where: Where) => void): void {
  for (const op of ops) {
    visit(op, where);
    const inside = (block: Block, changes: Partial<Where> = {}): Where => ({ ...where, blocks: [...where.blocks, block], ...changes });
    switch (op[0]) {
      case 'try':
        walk(facts, op[1], inside('try body'), visit);
        for (const [, handlerOps] of op[2]) walk(facts, handlerOps, inside('handler', { handling: { kind: 'handler', nestedTryBefore: false } }), visit);
        if (op[3] !== undefined) walk(facts, op[3], inside('finally', { handling: { kind: 'finally', nestedTryBefore: false } }), visit);
        // A try that can swallow an error has ended inside the current handler.
        if (where.handling !== null && op[2].length > 0) where.handling.nestedTryBefore = true;
        break;
      case 'repeat': walk(facts, op[2], inside('repeat'), visit); break;
      case 'timeout': walk(facts, op[2], inside('timeout'), visit); break;
      case 'group': walk(facts, op[1], inside('group'), visit); break;
      case 'with': walk(facts, op[2], inside('with', kindOf(facts, op[1]) === 'condition' ? { holdsCondition: true } : {}), visit); break;
      default: break;
    }
  }
}

function namedVars(op: Op): readonly string[] {
  switch (op[0]) {
    case 'await': case 'shield': case 'status': case 'wait_for': return [op[1]];
    case 'cancel': return op[1] === 'self' ? [] : [op[1]];
    case 'gather': case 'wait': return op[1];
    default: return [];
  }
}

function kindOf(facts: Facts, resource: string): string | undefined {
  return facts.scenario.resources[resource]?.kind;
}

function valueOf(facts: Facts, resource: string): number | undefined {
  const spec = facts.scenario.resources[resource];
  return spec !== undefined && 'value' in spec ? spec.value : undefined;
}

function maxsizeOf(facts: Facts, resource: string): number {
  const spec = facts.scenario.resources[resource];
  return spec !== undefined && 'maxsize' in spec ? spec.maxsize : 0;
}

function partiesOf(facts: Facts, resource: string): number {
  const spec = facts.scenario.resources[resource];
  return spec !== undefined && 'parties' in spec ? spec.parties : 0;
}

/** Counts, over the scenarios added, how many contain each op, construct and placement. */
export class Coverage {
  scenarios = 0;
  private readonly counts = new Map<string, number>();

  add(scenario: Scenario): void {
    this.scenarios++;
    for (const feature of featuresOf(scenario)) this.counts.set(feature, (this.counts.get(feature) ?? 0) + 1);
  }

  /** How many of the scenarios added contain `feature` (an op name, a construct or a placement). */
  count(feature: string): number {
    return this.counts.get(feature) ?? 0;
  }

  /** The ops, constructs and placements no scenario added contains, each list in report order. */
  missing(): { ops: OpName[]; constructs: string[]; placements: string[] } {
    const absent = <T extends string>(names: readonly T[]) => names.filter((name) => this.count(name) === 0);
    return { ops: absent(OP_NAMES), constructs: absent(CONSTRUCT_NAMES), placements: absent(PLACEMENTS) };
  }

  /** The report the conformance run prints: counts per op and construct, and the placements left out. */
  report(): string {
    const column = (names: readonly string[]) => names.map((name) => `${name} ${this.count(name)}`).join(', ');
    const { placements } = this.missing();
    const rarest = [...PLACEMENTS].sort((a, b) => this.count(a) - this.count(b)).slice(0, 5);
    return [
      `coverage of ${this.scenarios} scenarios (how many contain each):`,
      `  ops: ${column(OP_NAMES)}`,
      `  constructs: ${column(CONSTRUCT_NAMES)}`,
      `  placements (block > op, at any depth): ${PLACEMENTS.length - placements.length} of ${PLACEMENTS.length}` +
        (placements.length === 0 ? `; rarest: ${column(rarest)}` : `; never: ${placements.join(', ')}`),
    ].join('\n');
  }
}
