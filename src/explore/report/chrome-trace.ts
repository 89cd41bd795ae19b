import { renderEvent, type TraceEvent } from './trace.js';

/**
 * One event of the Chrome trace event format (the subset simloop writes).
 *
 * @example
 * const steps = toChromeTrace(trace).traceEvents.filter((event: ChromeTraceEvent) => event.ph === 'X');
 */
export interface ChromeTraceEvent {
  readonly name: string;
  readonly ph: 'X' | 'i' | 'M';
  readonly pid: number;
  readonly tid: number;
  readonly ts?: number;
  readonly dur?: number;
  readonly s?: 't' | 'g';
  readonly cat?: string;
  readonly args?: Record<string, unknown>;
}

/**
 * The JSON object Perfetto (ui.perfetto.dev) and chrome://tracing open.
 *
 * @example
 * const chrome: ChromeTrace = toChromeTrace(result.failure.trace);
 * writeFileSync('failure.json', JSON.stringify(chrome));
 */
export interface ChromeTrace {
  readonly traceEvents: ChromeTraceEvent[];
  readonly displayTimeUnit: 'ms';
}

const PID = 1;
/** The track of events that belong to no task: schedule choices, other timers, the run's end. */
const LOOP_TID = 0;

/**
 * A trace in the Chrome trace event format, one track (thread) per task plus
 * one for the loop. Steps are one-microsecond slices and the time a task
 * spends suspended is a `wait` slice, so a task's track reads as its life.
 * Virtual time becomes trace time (1 ms = 1000 µs); events at the same
 * instant are spread one microsecond apart in order, and each carries its
 * exact virtual time in `args.timeMs`.
 *
 * @example
 * writeFileSync('run.json', JSON.stringify(toChromeTrace(report.trace)));
 */
export function toChromeTrace(events: readonly TraceEvent[], processName = 'simloop'): ChromeTrace {
  const out: ChromeTraceEvent[] = [
    { name: 'process_name', ph: 'M', pid: PID, tid: LOOP_TID, args: { name: processName } },
    { name: 'thread_name', ph: 'M', pid: PID, tid: LOOP_TID, args: { name: 'loop' } },
  ];
  const tids = new Map<string, number>();
  const waiting = new Map<string, { ts: number; detail: string }>();
  const trackOf = (task: string | null): number => {
    if (task === null) return LOOP_TID;
    let tid = tids.get(task);
    if (tid === undefined) {
      tid = tids.size + 1;
      tids.set(task, tid);
      out.push({ name: 'thread_name', ph: 'M', pid: PID, tid, args: { name: task } });
      out.push({ name: 'thread_sort_index', ph: 'M', pid: PID, tid, args: { sort_index: tid } });
    }
    return tid;
  };
  let ts = -1;
  for (const event of events) {
    ts = Math.max(ts + 1, event.timeMs * 1000);
    const args = { timeMs: event.timeMs, line: renderEvent(event) };
    const task = 'task' in event ? event.task : null;
    const tid = trackOf(task);
    if (event.type === 'step' && task !== null) {
      const wait = waiting.get(task);
      if (wait !== undefined && ts > wait.ts) {
        out.push({ name: `wait: ${wait.detail}`, ph: 'X', pid: PID, tid, ts: wait.ts, dur: ts - wait.ts, cat: 'wait', args: { detail: wait.detail } });
      }
      waiting.delete(task);
      out.push({ name: `${event.outcome === 'yielded' ? 'yield' : event.outcome === 'returned' ? 'return' : 'raise'} ${event.detail}`, ph: 'X', pid: PID, tid, ts, dur: 1, cat: 'step', args });
      if (event.outcome === 'yielded') waiting.set(task, { ts: ts + 1, detail: event.detail });
      ts += 1;
    } else {
      const global = event.type === 'end';
      out.push({ name: instantName(event), ph: 'i', s: global ? 'g' : 't', pid: PID, tid, ts, cat: event.type, args });
    }
  }
  return { traceEvents: out, displayTimeUnit: 'ms' };
}

function instantName(event: TraceEvent): string {
  switch (event.type) {
    case 'spawn':
      return 'spawned';
    case 'cancel-requested':
      return 'cancel requested';
    case 'cancel-delivered':
      return 'CancelledError thrown in';
    case 'timer-fired':
      return 'timer fired';
    case 'done':
      return `done, ${event.state}`;
    case 'choice':
      return event.kind === 'cancel' ? `inject cancel into ${event.task}` : `${event.kind} choice ${event.chosen} of ${event.count}`;
    case 'end':
      return event.outcome;
    case 'step':
      return 'step';
  }
}
