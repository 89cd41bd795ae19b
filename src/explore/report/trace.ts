import type { WorldEvent } from '../../loop/monitor.js';
import { cutText, showValue } from '../../show.js';
import type { ChoiceStream } from '../choices/streams.js';

/**
 * One thing that happened in a run, at virtual time `timeMs`. A run's trace
 * is the list of these in the order they happened; `renderTrace` gives the
 * readable lines, `diffTraces` compares two runs, `toChromeTrace` opens one
 * in Perfetto.
 *
 * @example
 * { type: 'step', timeMs: 0, task: 'worker', outcome: 'yielded', detail: 'sleep(10)' }
 */
export type TraceEvent =
  /**
   * A task was created; `parent` is the task whose step created it. A task
   * of a simulated host is named `host/task` in every event, and `host` says
   * whose it is.
   */
  | { readonly type: 'spawn'; readonly timeMs: number; readonly task: string; readonly parent: string | null; readonly host?: string | null }
  /** A task's step ended: what it yielded (an effect's description), returned or raised. */
  | {
      readonly type: 'step';
      readonly timeMs: number;
      readonly task: string;
      readonly outcome: 'yielded' | 'returned' | 'raised';
      readonly detail: string;
    }
  /** `cancel()` reached a pending task; `by` is the task whose step asked, null for the loop or the schedule. */
  | {
      readonly type: 'cancel-requested';
      readonly timeMs: number;
      readonly task: string;
      readonly by: string | null;
      readonly message: string | null;
    }
  /** A CancelledError is thrown into the task's generator at this resumption. */
  | { readonly type: 'cancel-delivered'; readonly timeMs: number; readonly task: string }
  /** A timer fired: a sleep's (then `task` is the sleeper) or another callback's. */
  | { readonly type: 'timer-fired'; readonly timeMs: number; readonly task: string | null; readonly deadlineMs: number }
  /** A task became done. */
  | { readonly type: 'done'; readonly timeMs: number; readonly task: string; readonly state: 'finished' | 'cancelled' }
  /**
   * The schedule departed from FIFO here, or the world from the fault-free
   * run (choice 0 leaves no event, so a FIFO, fault-free run has none).
   * `kind` is `ready`, `timer` or `cancel` in the `sched` stream, the world's
   * own name (`drop`, `latency`, `crash`) in its streams.
   */
  | {
      readonly type: 'choice';
      readonly timeMs: number;
      readonly stream?: ChoiceStream;
      readonly kind: string;
      readonly chosen: number;
      readonly count: number;
      readonly task: string | null;
    }
  /** A simulated world did something (see WorldEvent). */
  | ({ readonly type: 'world'; readonly timeMs: number } & WorldEvent)
  /** The run ended: `return <value>`, or the failure. */
  | { readonly type: 'end'; readonly timeMs: number; readonly outcome: string };

/**
 * The readable form of a trace, one line per event: `t=<ms> <who>: <what>`.
 *
 * @example
 * renderTrace(events); // ['t=0 main: spawned', 't=0 main: yield sleep(0)', ...]
 */
export function renderTrace(events: readonly TraceEvent[]): string[] {
  return events.map(renderEvent);
}

export function renderEvent(event: TraceEvent): string {
  const at = `t=${event.timeMs}`;
  switch (event.type) {
    case 'spawn':
      return `${at} ${event.task}: spawned${event.parent === null ? '' : ` by ${event.parent}`}`;
    case 'step':
      return `${at} ${event.task}: ${STEP_VERB[event.outcome]} ${event.detail}`;
    case 'cancel-requested': {
      const by = event.by === null ? '' : ` by ${event.by}`;
      return `${at} ${event.task}: cancel requested${by}${event.message === null ? '' : ` (${JSON.stringify(event.message)})`}`;
    }
    case 'cancel-delivered':
      return `${at} ${event.task}: CancelledError thrown in`;
    case 'timer-fired':
      return `${at} ${event.task ?? '-'}: timer fired${event.deadlineMs === event.timeMs ? '' : ` (due at t=${event.deadlineMs})`}`;
    case 'done':
      return `${at} ${event.task}: done, ${event.state}`;
    case 'choice':
      if (event.stream !== undefined && event.stream !== 'sched') return `${at} schedule: ${event.stream} ${event.kind} choice ${event.chosen} of ${event.count}`;
      return event.kind === 'cancel'
        ? `${at} schedule: inject cancel into ${event.task}`
        : `${at} schedule: ${event.kind} choice ${event.chosen} of ${event.count}`;
    case 'world':
      return `${at} ${event.host ?? 'world'}: ${event.action}${event.detail === '' ? '' : ` ${event.detail}`}${event.fault ? ' [fault]' : ''}`;
    case 'end':
      return `${at} run: ${event.outcome}`;
  }
}

const STEP_VERB = { yielded: 'yield', returned: 'return', raised: 'raise' } as const;

/**
 * A short, deterministic description of a value for a trace: primitives as
 * written, strings quoted, errors as `Name: message`, objects by class. It
 * never looks inside objects, so traces stay short.
 */
export function describeValue(value: unknown): string {
  if (value instanceof Error) return cutText(value.message === '' ? value.name : `${value.name}: ${firstLine(value.message)}`, TRACE_VALUE_LENGTH);
  if (typeof value === 'string') return showValue(value, TRACE_VALUE_LENGTH);
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (value !== null && typeof value === 'object') return value.constructor?.name ?? 'Object';
  return String(value);
}

/** An effect's description when it has one (`sleep(10)`, `await Task 'x'`), else describeValue. */
export function describeEffect(value: unknown): string {
  const description = (value as { description?: unknown } | null)?.description;
  return typeof description === 'string' ? description : describeValue(value);
}

export function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

/** How long a value may grow in a trace line. */
const TRACE_VALUE_LENGTH = 120;
