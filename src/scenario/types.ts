/**
 * The shape of a validated scenario (see `docs/scenario-format.md`).
 *
 * Ops keep their JSON shape, an array whose first element names the op, so a
 * validated scenario prints back as the file it came from (with defaults
 * filled in). Each op is a tuple type, and `Op` is their union, discriminated
 * by element 0:
 *
 * ```ts
 * function describe(op: Op): string {
 *   switch (op[0]) {
 *     case 'sleep': return `sleep ${op[1]} ticks`; // op[1] is a number here
 *     case 'spawn': return `spawn ${op[2]} as ${op[1]}`;
 *     default: return op[0];
 *   }
 * }
 * ```
 *
 * Everything here is guaranteed by `parseScenario`: every def, resource and
 * var an op names exists and has the right kind, and every number is a safe
 * integer within its range.
 */

/** A value a task can return or put on a queue: `"x"`, `3` or `null`. */
export type Value = string | number | null;

/** How `["wait", vars, mode, timeout]` decides it is done (asyncio's `return_when`). */
export type WaitMode = 'FIRST_COMPLETED' | 'FIRST_EXCEPTION' | 'ALL_COMPLETED';

/** `["log", "hello"]` emits `log hello`; the text holds no newline. */
export type LogOp = ['log', string];
/** `["sleep", 500]`: `await asyncio.sleep(500)`, in ticks. */
export type SleepOp = ['sleep', number];
/** `["spawn", "t", "work"]`: `t = asyncio.create_task(work(), name="t")`. */
export type SpawnOp = ['spawn', string, string];
/** `["await", "t"]`: `v = await t`. */
export type AwaitOp = ['await', string];
/** `["cancel", "t"]` or `["cancel", "self", "why"]`: `t.cancel(msg)`. */
export type CancelOp = ['cancel', string] | ['cancel', string, string];
/** `["uncancel"]`: `current_task().uncancel()`. */
export type UncancelOp = ['uncancel'];
/** `["cancelling"]`: `current_task().cancelling()`. */
export type CancellingOp = ['cancelling'];
/** `["status", "t"]`: inspect the task without waiting for it. */
export type StatusOp = ['status', string];
/** `["return", 3]`: end the body with a value. */
export type ReturnOp = ['return', Value];
/** `["raise", "Boom"]`: raise a reserved error or an application error by name. */
export type RaiseOp = ['raise', string];
/** `["CancelledError", [["log", "caught"]]]`: an except clause, pattern then ops. */
export type Handler = [string, Op[]];
/** `["try", body, handlers]` or `["try", body, handlers, finally]`. */
export type TryOp = ['try', Op[], Handler[]] | ['try', Op[], Handler[], Op[]];
/** `["reraise"]`: a bare `raise` inside a handler. */
export type ReraiseOp = ['reraise'];
/** `["repeat", 3, body]`: `for _ in range(3): body`. */
export type RepeatOp = ['repeat', number, Op[]];
/** `["shield", "t"]`: `v = await asyncio.shield(t)`. */
export type ShieldOp = ['shield', string];
/** `["wait_for", "t", 100]`: `v = await asyncio.wait_for(t, 100)`. */
export type WaitForOp = ['wait_for', string, number];
/** `["timeout", 100, body]`: `async with asyncio.timeout(100): body`. */
export type TimeoutOp = ['timeout', number, Op[]];
/** `["group", body]`: `async with asyncio.TaskGroup() as tg: body`. */
export type GroupOp = ['group', Op[]];
/** `["gather", ["a", "b"], false]`: `await asyncio.gather(a, b, return_exceptions=False)`. */
export type GatherOp = ['gather', string[], boolean];
/** `["wait", ["a", "b"], "FIRST_COMPLETED", null]`: `await asyncio.wait(...)`. */
export type WaitOp = ['wait', string[], WaitMode, number | null];
/** `["event_set", "e"]`: `e.set()`. */
export type EventSetOp = ['event_set', string];
/** `["event_clear", "e"]`: `e.clear()`. */
export type EventClearOp = ['event_clear', string];
/** `["event_wait", "e"]`: `await e.wait()`. */
export type EventWaitOp = ['event_wait', string];
/** `["with", "l", body]`: `async with l: body` for a lock, semaphore or condition. */
export type WithOp = ['with', string, Op[]];
/** `["cond_wait", "c"]`: `await c.wait()`. */
export type CondWaitOp = ['cond_wait', string];
/** `["cond_notify", "c", 1]`: `c.notify(1)`. */
export type CondNotifyOp = ['cond_notify', string, number];
/** `["cond_notify_all", "c"]`: `c.notify_all()`. */
export type CondNotifyAllOp = ['cond_notify_all', string];
/** `["put", "q", "x"]`: `await q.put("x")`. */
export type PutOp = ['put', string, Value];
/** `["get", "q"]`: `v = await q.get()`. */
export type GetOp = ['get', string];
/** `["task_done", "q"]`: `q.task_done()`. */
export type TaskDoneOp = ['task_done', string];
/** `["queue_join", "q"]`: `await q.join()`. */
export type QueueJoinOp = ['queue_join', string];
/** `["barrier_wait", "b"]`: `i = await b.wait()`. */
export type BarrierWaitOp = ['barrier_wait', string];

/** Any op of the format. Narrow it with `switch (op[0])`. */
export type Op =
  | LogOp | SleepOp | SpawnOp | AwaitOp | CancelOp | UncancelOp | CancellingOp
  | StatusOp | ReturnOp | RaiseOp | TryOp | ReraiseOp | RepeatOp | ShieldOp
  | WaitForOp | TimeoutOp | GroupOp | GatherOp | WaitOp
  | EventSetOp | EventClearOp | EventWaitOp | WithOp
  | CondWaitOp | CondNotifyOp | CondNotifyAllOp
  | PutOp | GetOp | TaskDoneOp | QueueJoinOp | BarrierWaitOp;

/** The name of an op: `'log' | 'sleep' | ...`. */
export type OpName = Op[0];

/**
 * Every op name of the format, in the order of its table.
 *
 * ```ts
 * OP_NAMES.includes('sleep'); // true
 * ```
 */
export const OP_NAMES = [
  'log', 'sleep', 'spawn', 'await', 'cancel', 'uncancel', 'cancelling',
  'status', 'return', 'raise', 'try', 'reraise', 'repeat', 'shield',
  'wait_for', 'timeout', 'group', 'gather', 'wait',
  'event_set', 'event_clear', 'event_wait', 'with',
  'cond_wait', 'cond_notify', 'cond_notify_all',
  'put', 'get', 'task_done', 'queue_join', 'barrier_wait',
] as const satisfies readonly OpName[];

// A compile-time check that OP_NAMES lists every op: this fails to compile
// when an op joins the union but not the list.
const everyOpListed: Exclude<OpName, (typeof OP_NAMES)[number]> extends never ? true : never = true;
void everyOpListed;

/**
 * A declared synchronisation object, with its defaults filled in:
 * `{ "kind": "semaphore" }` becomes `{ kind: 'semaphore', value: 1 }`.
 */
export type ResourceSpec =
  | { kind: 'event' }
  | { kind: 'lock' }
  | { kind: 'condition' }
  | { kind: 'semaphore'; value: number }
  | { kind: 'bounded_semaphore'; value: number }
  | { kind: 'barrier'; parties: number }
  | { kind: 'queue'; maxsize: number }
  | { kind: 'priority_queue'; maxsize: number }
  | { kind: 'lifo_queue'; maxsize: number };

/** The kind of a resource: `'event' | 'lock' | ...`. */
export type ResourceKind = ResourceSpec['kind'];

/**
 * A validated scenario.
 *
 * @example
 * const s: Scenario = {
 *   format: 'simloop-scenario/1',
 *   main: 'main',
 *   resources: { q: { kind: 'queue', maxsize: 0 } },
 *   defs: { main: [['put', 'q', 1], ['get', 'q']] },
 * };
 */
export interface Scenario {
  format: 'simloop-scenario/1';
  /** Copied when the file has a string `name`; it never affects a run. */
  name?: string;
  /** The def that `run` starts as the task named `main`. */
  main: string;
  /** Empty when the file declares none. */
  resources: Record<string, ResourceSpec>;
  defs: Record<string, Op[]>;
}
