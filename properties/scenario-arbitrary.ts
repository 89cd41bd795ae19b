/**
 * A fast-check arbitrary of valid, always-terminating scenarios (see
 * `docs/scenario-format.md`) over a given set of ops: by default the
 * ops simloop carries out today, read from `SCENARIO_OPS` when the arbitrary
 * is built, so an op joins the generated programs as soon as its runner lands.
 *
 * ```ts
 * fc.assert(fc.property(scenarioArbitrary(), (scenario) => { ... }));
 * scenarioArbitrary({ ops: new Set(OP_NAMES) }); // every op of the format
 * ```
 *
 * How validity and termination are kept:
 * - Defs are ordered (`main` first) and a def spawns only defs after it, so
 *   no def spawns itself, even transitively, and every task runs finitely
 *   many ops. A task waits (`await`, `shield`, `wait_for`, `gather`, `wait`)
 *   only on vars bound to defs after its own, so the tasks awaiting each
 *   other form a DAG and no cancellation can travel around a cycle.
 * - Generation happens in two steps. The raw tree names vars by position
 *   (`pick`, an index into the vars the op may use) and spawned defs by
 *   offset; `resolve` then numbers the spawns `t1, t2, ...` in document order
 *   and turns each pick into a var name, dropping an op that has nothing to
 *   name. Shrinking works on the raw tree, so it removes defs, ops and
 *   nesting, and the picks shrink towards the most recent spawn of the def.
 * - No spawn inside `repeat`; `self` only in `cancel`; resources declared
 *   with the kinds their ops need, and only when some op uses them;
 *   priority_queue values all integers or all strings, never null.
 *
 * Shapes that random choice alone makes rare are made on purpose: a try
 * whose body raises what its first handler catches, and handlers (and
 * finally blocks) holding a nested try that swallows another error, often a
 * self-cancellation thrown in, then `reraise` (issue 20). Their parts shrink
 * away like any other op. scenario-coverage.ts counts what a run contains;
 * the tests demand every op, construct and placement in a fixed sample.
 */
import fc from 'fast-check';
import { SCENARIO_OPS } from '../src/scenario/run-scenario.js';
import { OP_NAMES, type Op, type OpName, type ResourceSpec, type Scenario, type Value, type WaitMode } from '../src/scenario/types.js';

/** The ops simloop implements now: derived at run time, never hard-coded. */
export function supportedOps(): ReadonlySet<OpName> {
  return new Set(OP_NAMES.filter((name) => SCENARIO_OPS[name] !== undefined));
}

export interface ScenarioArbitraryOptions {
  /** Ops the scenarios may use; default `supportedOps()`. */
  ops?: ReadonlySet<OpName>;
  /** At most this many defs, main included. Default 6. */
  maxDefs?: number;
  /** At most this many ops in a def's body. Default 12. */
  maxOps?: number;
  /** How deep op lists nest, a def's body being level 1. Default 3. */
  maxDepth?: number;
}

/** An index into the vars an op may name; small picks name the def's latest spawns. */
type Pick = number;

/** The resource names, one of each family. */
const EVENT = 'e';
const LOCK = 'l';
const CONDITION = 'c';
const QUEUE = 'q';
const BARRIER = 'b';

/** The raw tree: ops as in the format, with picks for vars and offsets for defs. */
type RawOp =
  | ['log', string]
  | ['sleep', number]
  | ['spawn', number]
  | ['await', Pick]
  | ['cancel', Pick | 'self', string | null]
  | ['uncancel']
  | ['cancelling']
  | ['status', Pick]
  | ['return', Value]
  | ['raise', string]
  | ['try', RawOp[], Array<[string, RawOp[]]>, RawOp[] | null]
  | ['reraise']
  | ['repeat', number, RawOp[]]
  | ['shield', Pick]
  | ['wait_for', Pick, number]
  | ['timeout', number, RawOp[]]
  | ['group', RawOp[]]
  | ['gather', Pick[], boolean]
  | ['wait', Pick[], WaitMode, number | null]
  | ['event_set']
  | ['event_clear']
  | ['event_wait']
  | ['with', typeof LOCK | typeof CONDITION, RawOp[]]
  | ['cond_wait']
  | ['cond_notify', number]
  | ['cond_notify_all']
  | ['put', Value]
  | ['get']
  | ['task_done']
  | ['queue_join']
  | ['barrier_wait'];

interface RawResources {
  lock: 'lock' | 'semaphore' | 'bounded_semaphore';
  lockValue: number;
  queue: 'queue' | 'priority_queue' | 'lifo_queue';
  maxsize: number;
  parties: number;
  /** Whether a priority_queue holds strings (else integers). */
  priorityStrings: boolean;
}

interface RawScenario {
  defs: RawOp[][];
  resources: RawResources;
}

/** Where an op list sits: what its ops may be. */
interface Place {
  depth: number;
  inRepeat: boolean;
  inHandler: boolean;
  /** Inside `with c`, where the condition ops are legal. */
  holdsCondition: boolean;
  /** Inside a try body, where raising is mostly caught. */
  inTry: boolean;
  /** In main, where a wait nobody ends is a deadlock rather than a clean-up. */
  inMain: boolean;
}

// Ticks: mostly a few shared values, so that deadlines tie often.
const ticks = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(0, 1, 5, 10) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 20 }) },
);
const pick = fc.oneof(
  { weight: 6, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.constant(1) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 5 }) },
);
const value: fc.Arbitrary<Value> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 0, max: 3 }),
  fc.constantFrom('x', 'y'),
);
const errorName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('Boom', 'Bang') },
  { weight: 2, arbitrary: fc.constant('CancelledError') },
  { weight: 1, arbitrary: fc.constantFrom('TimeoutError', 'BrokenBarrierError') },
);
const pattern = fc.oneof(
  { weight: 6, arbitrary: fc.constant('CancelledError') },
  { weight: 3, arbitrary: fc.constantFrom('Exception', '*', 'Boom') },
  { weight: 2, arbitrary: fc.constantFrom('TimeoutError', 'ExceptionGroup') },
  { weight: 1, arbitrary: fc.constantFrom('UnboundVar', 'RuntimeError', 'BrokenBarrierError', 'Bang') },
);
/** The handler patterns that catch an error `["raise", name]` raises. */
const MATCHING_PATTERNS: Readonly<Record<string, readonly string[]>> = {
  CancelledError: ['CancelledError', '*'],
  TimeoutError: ['TimeoutError', 'Exception', '*'],
  BrokenBarrierError: ['BrokenBarrierError', 'Exception', '*'],
};
const cancelMessage: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom('', 'why') },
);
const waitMode = fc.constantFrom<WaitMode>('FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED');

/**
 * `arbitrary`'s values, all but always: shrinking tries null first, so a part
 * a template puts in place can still be shrunk away.
 */
function removable<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.option(arbitrary, { nil: null, freq: 1000 });
}

/** The items that were not shrunk away. */
function present<T>(items: ReadonlyArray<T | null>): T[] {
  return items.filter((item): item is T => item !== null);
}

/** Builds the arbitrary; the op set is fixed from here on. */
export function scenarioArbitrary(options: ScenarioArbitraryOptions = {}): fc.Arbitrary<Scenario> {
  const ops = options.ops ?? supportedOps();
  const maxDepth = options.maxDepth ?? 3;
  const maxOps = options.maxOps ?? 12;
  const cache = new Map<string, fc.Arbitrary<RawOp[]>>();

  /** The ops of a list at `place`; `maxLength` only to make it shorter than its level's. */
  function opList(place: Place, maxLength?: number): fc.Arbitrary<RawOp[]> {
    const key = `${JSON.stringify(place)} ${maxLength}`;
    let list = cache.get(key);
    if (list === undefined) {
      // Nested lists are shorter: 12, 5 and 3 ops at levels 1, 2 and 3.
      const levelLength = Math.max(1, Math.round(maxOps / (1 + 1.5 * (place.depth - 1))));
      const size = place.depth === 1 ? 'medium' : 'small';
      list = fc.array(fc.oneof(...branches(place)), { maxLength: Math.min(levelLength, maxLength ?? levelLength), size, depthIdentifier: 'ops' });
      // A def's body has at least one op: an empty main tests nothing. (A
      // filter, not minLength, which would keep shrinking from removing an
      // array's last op once its first is fixed.)
      if (place.depth === 1) list = list.filter((ops) => ops.length > 0);
      cache.set(key, list);
    }
    return list;
  }

  /**
   * A try at `place`: free, or one whose body ends by raising an error its
   * first handler matches. Its handlers and finally often have the shape of
   * issue 20 (see handlerBody).
   */
  function tryOp(place: Place): fc.Arbitrary<RawOp> {
    const level = { ...place, depth: place.depth + 1 };
    const handlerOps = handlerBody({ ...level, inHandler: true });
    const handler = fc.tuple(pattern, handlerOps);
    const finallyOps = fc.option(handlerOps, { nil: null, freq: 3 });
    const free = fc.tuple(fc.constant('try' as const), opList({ ...level, inTry: true }), fc.array(handler, { maxLength: 2 }), finallyOps);
    if (!ops.has('raise')) return free;
    const raising = fc
      .tuple(opList({ ...level, inTry: true }, 2), removable(errorName), fc.nat(2), removable(handlerOps), fc.array(handler, { maxLength: 1 }), finallyOps)
      .map(([before, name, k, first, others, fin]): RawOp => {
        const matching = name === null ? ['*'] : (MATCHING_PATTERNS[name] ?? [name, 'Exception', '*']);
        const body: RawOp[] = name === null ? before : [...before, ['raise', name]];
        const handlers: Array<[string, RawOp[]]> = first === null ? others : [[matching[k % matching.length] as string, first], ...others];
        return ['try', body, handlers, fin];
      });
    return fc.oneof({ weight: 3, arbitrary: free }, { weight: 2, arbitrary: raising });
  }

  /**
   * The ops of a handler or finally at `place`: free, or the shape of issue
   * 20: a nested try that catches and swallows another error, then (mostly)
   * `reraise`, which must re-raise the outer error however the swallowed one
   * arrived (raised, thrown in by a cancellation, from an awaited task).
   */
  function handlerBody(place: Place): fc.Arbitrary<RawOp[]> {
    // The nested try needs two more levels: its handler's list and its body's.
    if (place.depth + 1 > maxDepth) return opList(place);
    const reraise = ops.has('reraise') ? fc.option(fc.constant<RawOp>(['reraise']), { nil: null, freq: 5 }) : fc.constant(null);
    const between = fc.oneof({ weight: 3, arbitrary: fc.constant<RawOp[]>([]) }, { weight: 2, arbitrary: opList(place, 1) });
    const swallowing = fc
      .tuple(opList(place, 1), removable(swallowingTry(place)), between, reraise)
      .map(([before, nested, middle, last]): RawOp[] => [...before, ...present([nested]), ...middle, ...present([last])]);
    return fc.oneof({ weight: 1, arbitrary: opList(place) }, { weight: 1, arbitrary: swallowing });
  }

  /**
   * A try at `place` (a handler's list) with at least one handler: free, or
   * one that cancels its own task, suspends, and catches the CancelledError
   * thrown in, with a short handler.
   */
  function swallowingTry(place: Place): fc.Arbitrary<RawOp> {
    const inner = { ...place, depth: place.depth + 1 };
    const finallyOps = fc.option(opList({ ...inner, inHandler: true }), { nil: null, freq: 4 });
    const free = fc.tuple(
      fc.constant('try' as const),
      opList({ ...inner, inTry: true }),
      fc.array(fc.tuple(pattern, opList({ ...inner, inHandler: true })), { minLength: 1, maxLength: 2 }),
      finallyOps,
    );
    if (!ops.has('cancel') || !ops.has('sleep')) return free;
    const cancelSelf = cancelMessage.map((message): RawOp => ['cancel', 'self', message]);
    const suspend = ticks.map((n): RawOp => ['sleep', n]);
    const catchIt = fc.tuple(fc.constantFrom('CancelledError', '*'), opList({ ...inner, inHandler: true }, 1));
    const selfCancelled = fc
      .tuple(removable(cancelSelf), opList({ ...inner, inTry: true }, 1), removable(suspend), removable(catchIt), finallyOps)
      .map(([cancel, between, sleep, handler, fin]): RawOp => ['try', [...present([cancel]), ...between, ...present([sleep])], present([handler]), fin]);
    return fc.oneof({ weight: 2, arbitrary: free }, { weight: 1, arbitrary: selfCancelled });
  }

  /** The weighted choices of one op at `place`, only for ops in the set. */
  function branches(place: Place): Array<fc.WeightedArbitrary<RawOp>> {
    const nested = place.depth < maxDepth;
    // Waits that only another task can end: rarer in main, whose stuck wait is a deadlock.
    const blocking = place.inMain ? 0.3 : 1;
    const inner = (changes: Partial<Place> = {}) => opList({ ...place, depth: place.depth + 1, ...changes });
    const choices: Array<[OpName, number, () => fc.Arbitrary<RawOp>]> = [
      ['log', 2, () => fc.tuple(fc.constant('log' as const), fc.constantFrom('a', 'b', 'c'))],
      ['sleep', 8, () => fc.tuple(fc.constant('sleep' as const), ticks)],
      ['spawn', place.inRepeat ? 0 : place.inMain ? 16 : 7, () => fc.tuple(fc.constant('spawn' as const), fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 5 }) }))],
      ['await', 7, () => fc.tuple(fc.constant('await' as const), pick)],
      ['cancel', 8, () => fc.tuple(fc.constant('cancel' as const), fc.oneof({ weight: 4, arbitrary: pick }, { weight: 1, arbitrary: fc.constant('self' as const) }), cancelMessage)],
      ['uncancel', place.inHandler ? 3 : 1, () => fc.constant(['uncancel'] as RawOp)],
      ['cancelling', 2, () => fc.constant(['cancelling'] as RawOp)],
      ['status', 2, () => fc.tuple(fc.constant('status' as const), pick)],
      ['return', place.depth === 1 ? 0.3 : 1, () => fc.tuple(fc.constant('return' as const), value)],
      ['raise', place.inTry ? 3 : 0.7, () => fc.tuple(fc.constant('raise' as const), errorName)],
      ['reraise', place.inHandler ? 3 : 0.1, () => fc.constant(['reraise'] as RawOp)],
      ['shield', 5, () => fc.tuple(fc.constant('shield' as const), pick)],
      ['wait_for', 3, () => fc.tuple(fc.constant('wait_for' as const), pick, ticks)],
      ['gather', 3, () => fc.tuple(fc.constant('gather' as const), fc.array(pick, { minLength: 1, maxLength: 3 }), fc.boolean())],
      ['wait', 2, () => fc.tuple(fc.constant('wait' as const), fc.array(pick, { minLength: 1, maxLength: 3 }), waitMode, fc.option(ticks, { nil: null, freq: 2 }))],
      ['event_set', 1.5, () => fc.constant(['event_set'] as RawOp)],
      ['event_clear', 0.5, () => fc.constant(['event_clear'] as RawOp)],
      ['event_wait', blocking, () => fc.constant(['event_wait'] as RawOp)],
      ['cond_wait', place.holdsCondition ? 2 * blocking : 0.2, () => fc.constant(['cond_wait'] as RawOp)],
      ['cond_notify', place.holdsCondition ? 2 : 0.2, () => fc.tuple(fc.constant('cond_notify' as const), fc.integer({ min: 0, max: 2 }))],
      ['cond_notify_all', place.holdsCondition ? 1.5 : 0.2, () => fc.constant(['cond_notify_all'] as RawOp)],
      ['put', 2, () => fc.tuple(fc.constant('put' as const), value)],
      ['get', 1.5 * blocking, () => fc.constant(['get'] as RawOp)],
      ['task_done', 0.5 * blocking, () => fc.constant(['task_done'] as RawOp)],
      ['queue_join', 0.5 * blocking, () => fc.constant(['queue_join'] as RawOp)],
      ['barrier_wait', blocking, () => fc.constant(['barrier_wait'] as RawOp)],
    ];
    if (nested) {
      choices.push(
        ['try', 6, () => tryOp(place)],
        ['repeat', 2, () => fc.tuple(fc.constant('repeat' as const), fc.integer({ min: 0, max: 3 }), inner({ inRepeat: true }))],
        ['timeout', 5, () => fc.tuple(fc.constant('timeout' as const), ticks, inner())],
        ['group', 5, () => fc.tuple(fc.constant('group' as const), inner())],
        ['with', 4, () => fc.oneof(
          fc.tuple(fc.constant('with' as const), fc.constant(LOCK), inner()),
          fc.tuple(fc.constant('with' as const), fc.constant(CONDITION), inner({ holdsCondition: true })),
        )],
      );
    }
    return choices
      .filter(([name, weight]) => ops.has(name) && weight > 0)
      // Weights are integers for fast-check: scale so that 0.1 stays above 0.
      .map(([, weight, make]) => ({ weight: Math.round(weight * 10), arbitrary: make() as fc.Arbitrary<RawOp> }));
  }

  const top: Place = { depth: 1, inRepeat: false, inHandler: false, holdsCondition: false, inTry: false, inMain: false };
  const resources: fc.Arbitrary<RawResources> = fc.record({
    lock: fc.constantFrom('lock', 'semaphore', 'bounded_semaphore'),
    lockValue: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(1, 2) }, { weight: 1, arbitrary: fc.constant(0) }),
    queue: fc.constantFrom('queue', 'priority_queue', 'lifo_queue'),
    maxsize: fc.integer({ min: 0, max: 2 }),
    parties: fc.integer({ min: 1, max: 3 }),
    priorityStrings: fc.boolean(),
  });
  // Spread over 1..6 defs rather than fast-check's usual few: a lone main spawns nothing.
  const raw = fc.record({
    main: opList({ ...top, inMain: true }),
    others: fc.array(opList(top), { maxLength: (options.maxDefs ?? 6) - 1, size: 'max' }),
    resources,
  });
  return raw.map(({ main, others, resources }) => resolve({ defs: [main, ...others], resources }));
}

/** The name of the def at `index`: `main`, then `w1`...`w5`. */
function defName(index: number): string {
  return index === 0 ? 'main' : `w${index}`;
}

/** A spawn found by the first walk: its var and the index of the def it runs. */
interface SpawnSite {
  variable: string;
  target: number;
  owner: number;
}

/**
 * Turns a raw tree into a valid scenario: names spawns, resolves picks,
 * declares the resources used. Defs that no spawn reaches from main are left
 * out, and so are their spawns, so no var is bound by a def that never runs.
 */
export function resolve(raw: RawScenario): Scenario {
  const count = raw.defs.length;
  // First walk: every spawn with the def it runs, and so which defs main reaches.
  const targets = new Map<RawOp, number>();
  raw.defs.forEach((body, owner) => {
    walk(body, (op) => {
      if (op[0] !== 'spawn') return;
      const target = Math.min(owner + op[1], count - 1);
      if (target > owner) targets.set(op, target);
    });
  });
  // Spawns only go to later defs, so one pass in def order finds every reachable def.
  const reached = new Set([0]);
  raw.defs.forEach((body, owner) => {
    if (!reached.has(owner)) return;
    walk(body, (op) => {
      const target = targets.get(op);
      if (target !== undefined) reached.add(target);
    });
  });
  // Second walk: number the spawns of reached defs in document order.
  const spawns = new Map<RawOp, SpawnSite>();
  raw.defs.forEach((body, owner) => {
    if (!reached.has(owner)) return;
    walk(body, (op) => {
      const target = targets.get(op);
      if (target !== undefined) spawns.set(op, { variable: `t${spawns.size + 1}`, target, owner });
    });
  });
  const sites = [...spawns.values()];
  const used = new Set<string>();
  const defs: Record<string, Op[]> = {};
  raw.defs.forEach((body, owner) => {
    if (reached.has(owner)) defs[defName(owner)] = new Resolver(owner, sites, spawns, raw.resources, used).list(body);
  });
  return { format: 'simloop-scenario/1', main: 'main', resources: declare(raw.resources, used), defs };
}

/** Calls `visit` on every op of `ops`, nested ones included, in document order. */
function walk(ops: readonly RawOp[], visit: (op: RawOp) => void): void {
  for (const op of ops) {
    visit(op);
    for (const list of nestedLists(op)) walk(list, visit);
  }
}

function nestedLists(op: RawOp): RawOp[][] {
  switch (op[0]) {
    case 'try': return [op[1], ...op[2].map(([, ops]) => ops), ...(op[3] === null ? [] : [op[3]])];
    case 'repeat': case 'timeout': case 'with': return [op[2]];
    case 'group': return [op[1]];
    default: return [];
  }
}

/** Resolves the ops of one def, walking them in document order. */
class Resolver {
  /** Vars this def has spawned so far in document order, latest last. */
  private readonly local: string[] = [];

  constructor(
    private readonly owner: number,
    private readonly sites: readonly SpawnSite[],
    private readonly spawns: ReadonlyMap<RawOp, SpawnSite>,
    private readonly resources: RawResources,
    private readonly used: Set<string>,
  ) {}

  list(ops: readonly RawOp[]): Op[] {
    return ops.flatMap((op) => {
      const resolved = this.op(op);
      return resolved === null ? [] : [resolved];
    });
  }

  /**
   * The var pick `p` names: picks 0 and 1 one of the def's two latest
   * spawns (with none, they drop the op, so that UnboundVar stays a
   * minority); larger picks also reach vars spawned by other defs (bound or
   * not by the time the op runs). Waiting ops name only vars of later defs
   * (`waits`), which keeps the await graph acyclic.
   */
  private name(p: Pick, waits: boolean): string | null {
    const local = [...this.local].reverse();
    if (p < 2) return local.length === 0 ? null : (local[p % local.length] as string);
    const others = this.sites
      .filter((site) => site.owner !== this.owner && (!waits || site.target > this.owner))
      .map((site) => site.variable);
    const candidates = [...local, ...others];
    return candidates.length === 0 ? null : (candidates[p % candidates.length] as string);
  }

  private use(resource: string): string {
    this.used.add(resource);
    return resource;
  }

  private op(op: RawOp): Op | null {
    switch (op[0]) {
      case 'spawn': {
        const site = this.spawns.get(op);
        if (site === undefined) return null;
        this.local.push(site.variable);
        return ['spawn', site.variable, defName(site.target)];
      }
      case 'await': case 'shield': case 'status': {
        const variable = this.name(op[1], op[0] !== 'status');
        return variable === null ? null : [op[0], variable];
      }
      case 'cancel': {
        const target = op[1] === 'self' ? 'self' : this.name(op[1], false);
        if (target === null) return null;
        return op[2] === null ? ['cancel', target] : ['cancel', target, op[2]];
      }
      case 'wait_for': {
        const variable = this.name(op[1], true);
        return variable === null ? null : ['wait_for', variable, op[2]];
      }
      case 'gather': case 'wait': {
        const names = op[1].map((p) => this.name(p, true)).filter((n): n is string => n !== null);
        if (names.length === 0) return null;
        return op[0] === 'gather' ? ['gather', names, op[2]] : ['wait', names, op[2], op[3]];
      }
      case 'try': {
        const body = this.list(op[1]);
        const handlers = op[2].map(([p, ops]): [string, Op[]] => [p, this.list(ops)]);
        return op[3] === null ? ['try', body, handlers] : ['try', body, handlers, this.list(op[3])];
      }
      case 'repeat': return ['repeat', op[1], this.list(op[2])];
      case 'timeout': return ['timeout', op[1], this.list(op[2])];
      case 'group': return ['group', this.list(op[1])];
      case 'with': return ['with', this.use(op[1]), this.list(op[2])];
      case 'event_set': case 'event_clear': case 'event_wait': return [op[0], this.use(EVENT)];
      case 'cond_wait': case 'cond_notify_all': return [op[0], this.use(CONDITION)];
      case 'cond_notify': return ['cond_notify', this.use(CONDITION), op[1]];
      case 'put': return ['put', this.use(QUEUE), this.queueValue(op[1])];
      case 'get': case 'task_done': case 'queue_join': return [op[0], this.use(QUEUE)];
      case 'barrier_wait': return ['barrier_wait', this.use(BARRIER)];
      default: return op;
    }
  }

  /** A priority_queue holds integers only or strings only; other queues take any value. */
  private queueValue(v: Value): Value {
    if (this.resources.queue !== 'priority_queue') return v;
    if (this.resources.priorityStrings) return v === null ? 'x' : String(v);
    return typeof v === 'number' ? v : v === null ? 0 : v.length;
  }
}

/** The resources some op uses, with the kinds those ops need. */
function declare(raw: RawResources, used: ReadonlySet<string>): Record<string, ResourceSpec> {
  const all: Record<string, ResourceSpec> = {
    [EVENT]: { kind: 'event' },
    [LOCK]: raw.lock === 'lock' ? { kind: 'lock' } : { kind: raw.lock, value: raw.lockValue },
    [CONDITION]: { kind: 'condition' },
    [QUEUE]: { kind: raw.queue, maxsize: raw.maxsize },
    [BARRIER]: { kind: 'barrier', parties: raw.parties },
  };
  return Object.fromEntries(Object.entries(all).filter(([name]) => used.has(name)));
}

/** Calls `visit` on every op of a resolved list, nested ones included. */
export function visitOps(ops: readonly Op[], visit: (op: Op) => void): void {
  for (const op of ops) {
    visit(op);
    switch (op[0]) {
      case 'try':
        visitOps(op[1], visit);
        for (const [, handlerOps] of op[2]) visitOps(handlerOps, visit);
        if (op[3] !== undefined) visitOps(op[3], visit);
        break;
      case 'repeat': case 'timeout': case 'with': visitOps(op[2], visit); break;
      case 'group': visitOps(op[1], visit); break;
      default: break;
    }
  }
}
