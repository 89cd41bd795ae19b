import { renderEvent, type TraceEvent } from '../../../trace.js';
import type { Band, Link, Mark, Span, Timeline } from './types.js';

/** What the details panel and the tooltip say about an item: a title, lines, and the events it involves. */
export interface Description {
  readonly title: string;
  readonly lines: readonly string[];
  /** Events to list (each with its trace line) and jump to. */
  readonly events: readonly number[];
}

const WAITS: Readonly<Record<Exclude<Span['kind'], 'step'>, string>> = {
  pending: 'spawned, not started yet',
  ready: 'ready: woken, waiting for its turn to run',
  sleep: 'sleeping',
  yield: 'yielded (sleep(0)): ready again at once',
  'await-task': 'awaiting',
  await: 'waiting on',
  other: 'suspended on',
};

const STEP_VERB = { yielded: 'yield', returned: 'return', raised: 'raise' } as const;

export function describeSpan(events: readonly TraceEvent[], timeline: Timeline, span: Span): Description {
  const who = timeline.lanes[span.lane]?.key ?? '?';
  const from = events[span.from] as TraceEvent;
  if (span.kind === 'step') {
    return { title: `${who}: step, ${STEP_VERB[span.outcome ?? 'yielded']} ${span.detail}`, lines: [at(span.from, from)], events: [span.from] };
  }
  const to = events[span.to] as TraceEvent;
  const what = span.kind === 'sleep' || span.kind === 'yield' || span.detail === '' ? WAITS[span.kind] : `${WAITS[span.kind]} ${span.detail}`;
  const lines = [`from ${at(span.from, from)} to ${at(span.to, to)}: ${formatDuration(to.timeMs - from.timeMs)} of virtual time`];
  if (span.kind === 'sleep') lines.push(span.detail);
  if (span.open === true) lines.push('still so when the run ended');
  const related = [span.from, span.to, ...(span.cause === undefined || span.cause === span.to ? [] : [span.cause])];
  return { title: `${who}: ${what}`, lines, events: related };
}

export function describeMark(events: readonly TraceEvent[], mark: Mark): Description {
  const event = events[mark.event] as TraceEvent;
  const lines = [at(mark.event, event)];
  if (event.type === 'choice') lines.push(choiceMeaning(event));
  if (event.type === 'world') lines.push(`action ${event.action} on ${event.host ?? 'the network'}${event.fault ? ', an injected fault' : ''}`);
  if (mark.kind === 'abandoned') lines.push('its host crashed: it never runs again, and no finally block runs');
  const related = event.type === 'world' && event.id !== undefined ? sameMessage(events, event.id) : [mark.event];
  return { title: renderEvent(event).replace(/^t=\S+ /, ''), lines, events: related };
}

export function describeLink(events: readonly TraceEvent[], timeline: Timeline, link: Link): Description {
  const from = events[link.from] as TraceEvent;
  const to = events[link.to] as TraceEvent;
  const lane = (row: number) => timeline.lanes[row]?.key ?? '?';
  const titles = {
    spawn: `${lane(link.fromLane)} spawned ${lane(link.toLane)}`,
    wakeup: `${lane(link.fromLane)} ended, which woke ${lane(link.toLane)}`,
    cancel: `${link.fromLane === 0 ? 'the schedule' : lane(link.fromLane)} cancelled ${lane(link.toLane)}`,
    message: `message ${lane(link.fromLane)} → ${lane(link.toLane)}: ${link.action ?? ''}${link.fault === true ? ' (fault)' : ''}`,
  };
  const lines = [`from ${at(link.from, from)} to ${at(link.to, to)}`];
  if (link.kind === 'message') lines.push(`in flight ${formatDuration(to.timeMs - from.timeMs)}`);
  return { title: titles[link.kind], lines, events: link.kind === 'message' && from.type === 'world' && from.id !== undefined ? sameMessage(events, from.id) : [link.from, link.to] };
}

export function describeBand(events: readonly TraceEvent[], band: Band): Description {
  const from = events[band.from] as TraceEvent;
  const end = band.to < 0 ? 'the end of the run' : at(band.to, events[band.to] as TraceEvent);
  const who = from.type === 'world' ? (from.host ?? 'the network') : '';
  return { title: `${who}: ${band.kind}${band.fault ? ' (injected fault)' : ''}`, lines: [`from ${at(band.from, from)} to ${end}`], events: band.to < 0 ? [band.from] : [band.from, band.to] };
}

function choiceMeaning(event: Extract<TraceEvent, { type: 'choice' }>): string {
  if (event.stream !== undefined && event.stream !== 'sched') return `the world's ${event.stream} stream chose ${event.chosen} of ${event.count} (${event.kind}); 0 is the fault-free answer`;
  if (event.kind === 'cancel') return `the schedule injected a cancel into ${event.task ?? 'a task'} at this resumption`;
  return `the schedule departed from FIFO: it ran ${event.kind} entry ${event.chosen} of ${event.count} (FIFO runs entry 0)`;
}

/** Every event of one message: its send, deliveries, drops, duplicates. */
function sameMessage(events: readonly TraceEvent[], id: number): number[] {
  const out: number[] = [];
  events.forEach((event, index) => {
    if (event.type === 'world' && event.id === id) out.push(index);
  });
  return out;
}

function at(index: number, event: TraceEvent): string {
  return `t=${event.timeMs} ms (event #${index})`;
}

function formatDuration(ms: number): string {
  return `${Math.round(ms * 1000) / 1000} ms`;
}
