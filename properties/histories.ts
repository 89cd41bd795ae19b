// Random small histories for the linearizability properties, made by running
// a real register store: each client's operations get intervals on a coarse
// clock (so intervals often touch and share instants), every operation that
// takes effect gets an instant (an ok one inside its interval, an info or
// never-completed one anywhere after its invocation, even after its info
// event), and the store applies them in the order of those instants to find
// what each read returned and whether each cas swapped. Such a history is
// linearizable by construction; a corruption (a read that returns another
// value, a cas whose outcome is flipped) usually makes it not.
import fc from 'fast-check';

export type Value = number | string | boolean | null;
type Ending = 'ok' | 'fail' | 'info' | 'pending';

export interface OpPlan {
  readonly f: 'read' | 'write' | 'cas';
  readonly key: string;
  readonly a: Value;
  readonly b: Value;
  readonly gap: number;
  readonly duration: number;
  /** Where in its interval an ok operation takes effect, in percent. */
  readonly point: number;
  readonly ending: Ending;
  /** For info and pending: whether it took effect, and how long after its invocation. */
  readonly effect: boolean;
  readonly late: number;
}

export interface HistoryPlan {
  readonly model: 'register' | 'kv';
  readonly clients: readonly (readonly OpPlan[])[];
  /** Which operation to corrupt (modulo the count), if any. */
  readonly corrupt: number | null;
}

export interface GeneratedHistory {
  readonly file: { format: 'simloop-history/1'; model: 'register' | 'kv'; ops: Record<string, unknown>[] };
  /** True when no corruption changed anything: the history is linearizable by construction. */
  readonly genuine: boolean;
}

const VALUES: Value[] = [0, 1, 2, true, '1', null];

/** Plans with the endings given; `maxOps` bounds the operations over all clients. */
export function historyPlan(endings: readonly Ending[], maxOps: number): fc.Arbitrary<HistoryPlan> {
  const op = fc.record({
    f: fc.constantFrom<OpPlan['f']>('read', 'write', 'write', 'cas'),
    key: fc.constantFrom('x', 'y', ''),
    a: fc.constantFrom(...VALUES),
    b: fc.constantFrom(...VALUES),
    gap: fc.integer({ min: 0, max: 3 }),
    duration: fc.integer({ min: 0, max: 6 }),
    point: fc.integer({ min: 0, max: 100 }),
    ending: fc.constantFrom(...endings),
    effect: fc.boolean(),
    late: fc.integer({ min: 0, max: 12 }),
  });
  return fc
    .record({
      model: fc.constantFrom<HistoryPlan['model']>('register', 'kv'),
      clients: fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
      corrupt: fc.option(fc.nat(), { freq: 3 }),
    })
    .map((plan) => ({ ...plan, clients: trim(plan.clients, maxOps) }));
}

/** At most `maxOps` operations; a client's operations end at its first info or pending one. */
function trim(clients: readonly (readonly OpPlan[])[], maxOps: number): OpPlan[][] {
  let left = maxOps;
  return clients.map((ops) => {
    const kept: OpPlan[] = [];
    for (const op of ops) {
      if (left === 0) break;
      kept.push(op);
      left--;
      if (op.ending === 'info' || op.ending === 'pending') break;
    }
    return kept;
  });
}

interface Built {
  readonly plan: OpPlan;
  readonly process: number;
  readonly start: number;
  readonly end: number;
  readonly instant: number | null; // null: took no effect
  status: 'ok' | 'fail' | 'info' | 'pending';
  result: Value;
}

/** Runs the store on a plan and writes the history file it gives. */
export function buildHistory(plan: HistoryPlan): GeneratedHistory {
  const ops: Built[] = [];
  plan.clients.forEach((client, process) => {
    let time = 0;
    for (const op of client) {
      const start = time + op.gap;
      const end = start + op.duration;
      time = end;
      const instant = op.ending === 'ok' ? start + (op.duration * op.point) / 100 : op.ending === 'fail' || !op.effect ? null : start + op.late / 2;
      ops.push({ plan: op, process, start, end, instant, status: op.ending, result: null });
    }
  });
  runStore(ops, plan.model);
  const corruptible = ops.filter(canCorrupt);
  if (plan.corrupt !== null && corruptible.length > 0) corrupt(corruptible[plan.corrupt % corruptible.length]!);
  const genuine = plan.corrupt === null || corruptible.length === 0;
  return { file: { format: 'simloop-history/1', model: plan.model, ops: events(ops, plan.model) }, genuine };
}

/** Applies the operations that took effect in the order of their instants (ties: the order made). */
function runStore(ops: Built[], model: HistoryPlan['model']): void {
  const store = new Map<string, Value>();
  const applied = ops.filter((op) => op.instant !== null).sort((a, b) => a.instant! - b.instant!);
  for (const op of applied) {
    const key = model === 'kv' ? op.plan.key : '';
    const current = store.has(key) ? store.get(key)! : null;
    if (op.plan.f === 'read') op.result = current;
    else if (op.plan.f === 'write') store.set(key, op.plan.a);
    else if (current === op.plan.a) store.set(key, op.plan.b);
    else if (op.status === 'ok') op.status = 'fail'; // the store refused the cas: it did not swap
  }
}

/** An ok read's value or a completed cas's outcome can be changed. */
function canCorrupt(op: Built): boolean {
  return (op.plan.f === 'read' && op.status === 'ok') || (op.plan.f === 'cas' && (op.status === 'ok' || op.status === 'fail'));
}

/** Changes what an operation reports: the value a read returned, or whether a cas swapped. */
function corrupt(op: Built): void {
  if (op.plan.f === 'read') op.result = VALUES[(VALUES.indexOf(op.result) + 1) % VALUES.length]!;
  else op.status = op.status === 'ok' ? 'fail' : 'ok';
}

/** The file's events, in time order (stable, so each client's own events keep their order). */
function events(ops: Built[], model: HistoryPlan['model']): Record<string, unknown>[] {
  const timed: { time: number; event: Record<string, unknown> }[] = [];
  for (const op of ops) {
    const base = { process: op.process, f: op.plan.f, ...(model === 'kv' ? { key: op.plan.key } : {}) };
    const value = op.plan.f === 'read' ? null : op.plan.f === 'write' ? op.plan.a : [op.plan.a, op.plan.b];
    timed.push({ time: op.start, event: { ...base, type: 'invoke', value, time: op.start } });
    if (op.status === 'pending') continue;
    const completed = op.plan.f === 'read' && op.status === 'ok' ? op.result : value;
    timed.push({ time: op.end, event: { ...base, type: op.status, value: completed, time: op.end } });
  }
  return timed.sort((a, b) => a.time - b.time).map((item) => item.event);
}
