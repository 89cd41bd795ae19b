import { renderEvent, type TraceEvent } from '../../../trace.js';
import { LaneIndex } from './lanes.js';
import { TaskTracker } from './tasks.js';
import type { Mark, Moment, Span, Timeline } from './types.js';
import { WorldTracker } from './world.js';

/**
 * The timeline of a trace: rows, task states, marks, arrows, shaded
 * stretches and key moments. `failed`: whether the run failed, so that its
 * end is the failure point.
 *
 * @example
 * const timeline = buildTimeline(report.trace, true);
 * timeline.lanes.filter((lane) => lane.kind === 'task').length; // one row per task
 */
export function buildTimeline(events: readonly TraceEvent[], failed: boolean): Timeline {
  const lanes = new LaneIndex(events);
  const tasks = new TaskTracker(lanes);
  const world = new WorldTracker(lanes, tasks);
  const marks: Mark[] = [];
  const endEvent = lastEvent(events);
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as TraceEvent;
    switch (event.type) {
      case 'spawn':
        tasks.spawn(index, event);
        break;
      case 'step':
        tasks.step(index, event);
        break;
      case 'timer-fired':
        tasks.timerFired(index, event);
        break;
      case 'done':
        tasks.done(index, event);
        break;
      case 'cancel-requested':
        tasks.cancelRequested(index, event, injectingChoice(events, index, event.task));
        break;
      case 'cancel-delivered':
        tasks.cancelDelivered(index, event);
        break;
      case 'choice':
        marks.push({ lane: lanes.schedule, event: index, kind: 'choice', fault: true });
        break;
      case 'world':
        world.event(index, event);
        break;
      case 'end':
        break;
    }
  }
  if (endEvent >= 0 && (failed || events[endEvent]?.type === 'end')) marks.push({ lane: lanes.schedule, event: endEvent, kind: failed ? 'failure' : 'end', fault: failed });
  tasks.end(Math.max(endEvent, 0));
  world.end();
  return {
    lanes: lanes.lanes,
    spans: byLane(tasks.spans, lanes.lanes.length),
    marks: [...marks, ...tasks.marks, ...world.marks].sort(byLaneThenEvent),
    links: [...tasks.links, ...world.links].sort((a, b) => Math.min(a.from, a.to) - Math.min(b.from, b.to)),
    bands: world.bands,
    moments: moments(events, endEvent, failed),
    endEvent,
    failed,
  };
}

/** The `end` event, or the last event of a trace that has none. */
function lastEvent(events: readonly TraceEvent[]): number {
  for (let index = events.length - 1; index >= 0; index--) if ((events[index] as TraceEvent).type === 'end') return index;
  return events.length - 1;
}

/** The schedule's `inject cancel` choice just before a cancel request of `task`, if that is what asked. */
function injectingChoice(events: readonly TraceEvent[], index: number, task: string): number | null {
  const before = events[index - 1];
  return before !== undefined && before.type === 'choice' && before.kind === 'cancel' && before.task === task ? index - 1 : null;
}

/** The list beside the view: every non-FIFO choice, injected fault and cancel request, and the failure. */
function moments(events: readonly TraceEvent[], endEvent: number, failed: boolean): Moment[] {
  const list: Moment[] = [];
  events.forEach((event, index) => {
    const kind = event.type === 'choice' ? 'choice' : event.type === 'world' && event.fault ? 'fault' : event.type === 'cancel-requested' ? 'cancel' : null;
    if (kind !== null) list.push({ event: index, kind, text: renderEvent(event) });
  });
  if (failed && endEvent >= 0) list.push({ event: endEvent, kind: 'failure', text: renderEvent(events[endEvent] as TraceEvent) });
  return list;
}

/** Spans by row; each task's come in order already (a stretch closes before the step that ends it is drawn). */
function byLane(spans: readonly Span[], rows: number): Span[] {
  const buckets: Span[][] = Array.from({ length: rows }, () => []);
  for (const span of spans) buckets[span.lane]?.push(span);
  return buckets.flat();
}

function byLaneThenEvent(a: Mark, b: Mark): number {
  return a.lane - b.lane || a.event - b.event;
}
