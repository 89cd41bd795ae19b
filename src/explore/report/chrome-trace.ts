import { renderEvent, type TraceEvent } from './trace.js';

/**
 * One event of the Chrome trace event format (the subset simloop writes).
 *
 * @example
 * const steps = toChromeTrace(trace).traceEvents.filter((event: ChromeTraceEvent) => event.ph === 'X');
 */
export interface ChromeTraceEvent {
  readonly name: string;
  readonly ph: 'X' | 'i' | 'M' | 's' | 'f';
  readonly pid: number;
  readonly tid: number;
  readonly ts?: number;
  readonly dur?: number;
  readonly s?: 't' | 'g';
  readonly cat?: string;
  /** A flow event's id (a message's), and where a flow's end binds ('e': the enclosing slice). */
  readonly id?: number;
  readonly bp?: 'e';
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
  const tracks = new Tracks(out);
  const waiting = new Map<string, { ts: number; detail: string }>();
  let ts = -1;
  for (const event of events) {
    ts = Math.max(ts + 1, event.timeMs * 1000);
    const args = { timeMs: event.timeMs, line: renderEvent(event) };
    if (event.type === 'spawn' && event.host !== undefined && event.host !== null) tracks.hostOf.set(event.task, event.host);
    const task = 'task' in event ? event.task : null;
    const { pid, tid } = event.type === 'world' ? tracks.ofHost(event.host) : tracks.ofTask(task);
    if (event.type === 'step' && task !== null) {
      const wait = waiting.get(task);
      if (wait !== undefined && ts > wait.ts) {
        out.push({ name: `wait: ${wait.detail}`, ph: 'X', pid, tid, ts: wait.ts, dur: ts - wait.ts, cat: 'wait', args: { detail: wait.detail } });
      }
      waiting.delete(task);
      out.push({ name: `${event.outcome === 'yielded' ? 'yield' : event.outcome === 'returned' ? 'return' : 'raise'} ${event.detail}`, ph: 'X', pid, tid, ts, dur: 1, cat: 'step', args });
      if (event.outcome === 'yielded') waiting.set(task, { ts: ts + 1, detail: event.detail });
      ts += 1;
    } else if (event.type === 'world' && event.id !== undefined && (event.action === 'send' || event.action === 'deliver')) {
      // A message is a one-microsecond slice at each end, joined by a flow arrow from the send to the delivery.
      out.push({ name: `${event.action} ${event.detail}`, ph: 'X', pid, tid, ts, dur: 1, cat: 'message', args });
      out.push({ name: 'message', ph: event.action === 'send' ? 's' : 'f', ...(event.action === 'deliver' ? { bp: 'e' as const } : {}), id: event.id, pid, tid, ts, cat: 'message' });
      ts += 1;
    } else {
      const global = event.type === 'end';
      out.push({ name: instantName(event), ph: 'i', s: global ? 'g' : 't', pid, tid, ts, cat: event.type, args });
    }
  }
  return { traceEvents: out, displayTimeUnit: 'ms' };
}

/**
 * The tracks of a trace: a process per simulated host (with a `host` thread
 * for what happens to the host itself and one per task), and process 1 for
 * the loop, the network and tasks outside any host.
 */
class Tracks {
  /** The host of each task named `host/task`, from its spawn event. */
  readonly hostOf = new Map<string, string>();
  private readonly pids = new Map<string, number>();
  private readonly tids = new Map<string, number>();
  private nextTid = 1;

  constructor(private readonly out: ChromeTraceEvent[]) {}

  ofTask(task: string | null): { pid: number; tid: number } {
    if (task === null) return { pid: PID, tid: LOOP_TID };
    const host = this.hostOf.get(task);
    const pid = host === undefined ? PID : this.pidOf(host);
    let tid = this.tids.get(task);
    if (tid === undefined) {
      tid = this.nextTid++;
      this.tids.set(task, tid);
      this.out.push({ name: 'thread_name', ph: 'M', pid, tid, args: { name: task } });
      this.out.push({ name: 'thread_sort_index', ph: 'M', pid, tid, args: { sort_index: tid } });
    }
    return { pid, tid };
  }

  /** A host's own track, or the loop's track for the world as a whole. */
  ofHost(host: string | null): { pid: number; tid: number } {
    return host === null ? { pid: PID, tid: LOOP_TID } : { pid: this.pidOf(host), tid: LOOP_TID };
  }

  private pidOf(host: string): number {
    let pid = this.pids.get(host);
    if (pid === undefined) {
      pid = PID + 1 + this.pids.size;
      this.pids.set(host, pid);
      this.out.push({ name: 'process_name', ph: 'M', pid, tid: LOOP_TID, args: { name: `host ${host}` } });
      this.out.push({ name: 'thread_name', ph: 'M', pid, tid: LOOP_TID, args: { name: host } });
    }
    return pid;
  }
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
      if (event.stream !== undefined && event.stream !== 'sched') return `${event.stream} ${event.kind} choice ${event.chosen} of ${event.count}`;
      return event.kind === 'cancel' ? `inject cancel into ${event.task}` : `${event.kind} choice ${event.chosen} of ${event.count}`;
    case 'world':
      return `${event.action}${event.detail === '' ? '' : ` ${event.detail}`}`;
    case 'end':
      return event.outcome;
    case 'step':
      return 'step';
  }
}
