import type { TraceEvent } from '../../../trace.js';
import type { LaneIndex } from './lanes.js';
import type { TaskTracker } from './tasks.js';
import type { Band, Link, Mark } from './types.js';

type WorldTraceEvent = Extract<TraceEvent, { type: 'world' }>;

/**
 * World actions that open a shaded stretch, what closes it, and what it
 * covers: a host's rows (down, paused) or every row (a partition). A closing
 * action on a host closes that host's stretch, or its earlier incarnation's
 * (`r1#2` restarting `r1`).
 */
const STRETCHES: ReadonlyMap<string, { readonly kind: string; readonly closers: readonly string[]; readonly scope: 'host' | 'all' }> = new Map([
  ['crash', { kind: 'down', closers: ['restart', 'boot', 'recover'], scope: 'host' }],
  ['pause', { kind: 'paused', closers: ['resume'], scope: 'host' }],
  ['partition', { kind: 'partition', closers: ['repair', 'heal'], scope: 'all' }],
] as const);

interface OpenStretch {
  readonly kind: string;
  readonly from: number;
  readonly host: string | null;
  readonly detail: string;
  readonly fault: boolean;
  readonly closers: readonly string[];
}

/**
 * The world's events on the view: each one a mark on its host's row (the
 * network's when it has no host), whatever its action, so new actions show
 * without a change here; messages as arrows from their send to each later
 * event of the same id (delivery, drop, duplicate, hold); crashes, pauses and
 * partitions as shaded stretches. A crash abandons the host's unfinished tasks.
 */
export class WorldTracker {
  readonly marks: Mark[] = [];
  readonly links: Link[] = [];
  readonly bands: Band[] = [];
  private readonly sends = new Map<number, { event: number; lane: number }>();
  private readonly open: OpenStretch[] = [];

  constructor(
    private readonly lanes: LaneIndex,
    private readonly tasks: TaskTracker,
  ) {}

  event(index: number, event: WorldTraceEvent): void {
    const lane = this.lanes.host(event.host);
    this.marks.push({ lane, event: index, kind: 'world', fault: event.fault });
    if (event.id !== undefined) this.message(index, event, lane);
    this.close(index, event);
    const stretch = STRETCHES.get(event.action);
    if (stretch !== undefined) this.open.push({ kind: stretch.kind, from: index, host: stretch.scope === 'host' ? event.host : null, detail: event.detail, fault: event.fault, closers: stretch.closers });
    if (event.action === 'crash' && event.host !== null) this.tasks.abandonHost(index, event.host);
  }

  /** The run ended: what is still open lasts to the end. */
  end(): void {
    for (const stretch of this.open.splice(0)) this.band(stretch, -1);
  }

  private message(index: number, event: WorldTraceEvent, lane: number): void {
    const id = event.id as number;
    if (event.action === 'send') {
      this.sends.set(id, { event: index, lane });
      return;
    }
    const send = this.sends.get(id);
    if (send === undefined) return;
    const toLane = event.host === null && event.to !== undefined && event.action === 'deliver' ? this.lanes.host(event.to) : lane;
    this.links.push({ kind: 'message', from: send.event, fromLane: send.lane, to: index, toLane, action: event.action, fault: event.fault });
  }

  /** Closes the stretches this event ends: a repair the partition of the same detail (or every partition). */
  private close(index: number, event: WorldTraceEvent): void {
    const closes = this.open.filter((stretch) => stretch.closers.includes(event.action) && sameHost(stretch.host, event.host));
    const exact = closes.filter((stretch) => stretch.detail === event.detail);
    for (const stretch of exact.length > 0 && closes.every((stretch) => stretch.host === null) ? exact : closes) {
      this.open.splice(this.open.indexOf(stretch), 1);
      this.band(stretch, index);
    }
  }

  private band(stretch: OpenStretch, to: number): void {
    const lanes = stretch.host === null ? null : this.lanes.hostGroup(stretch.host);
    this.bands.push({ kind: stretch.kind, from: stretch.from, to, lanes, fault: stretch.fault });
  }
}

/** Whether a closing event's host is the stretch's host, or a later incarnation of it (`r1#2` of `r1`). */
function sameHost(opened: string | null, closing: string | null): boolean {
  if (opened === null) return true;
  if (closing === null) return false;
  return closing === opened || closing.replace(/#\d+$/, '') === opened.replace(/#\d+$/, '');
}
