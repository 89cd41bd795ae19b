import type { TraceEvent } from '../../../trace.js';
import type { Lane } from './types.js';

/**
 * The rows of a trace and which row each event belongs on. Rows: the
 * schedule (choices, the run's end), the network when the world has events
 * of its own, the tasks outside any host, then each host (its own row, then
 * its tasks) in the order they first appear. A task is its label; a label
 * spawned again (a second task of the same name) gets a row of its own, and
 * events go to the latest.
 */
export class LaneIndex {
  readonly lanes: Lane[];
  readonly schedule = 0;
  private readonly taskOfSpawn = new Map<number, number>();
  private readonly hosts = new Map<string, number>();
  private readonly current = new Map<string, number>();
  /** The rows of hosts' tasks by their name without the host, for an `await Task 'name'` from outside the host. */
  private readonly hostedByName = new Map<string, number[]>();
  private readonly network: number | null;

  constructor(events: readonly TraceEvent[]) {
    const draft = draftLanes(events);
    this.lanes = draft.order.map((lane, id) => ({ ...lane, id }));
    const rowOf = new Map(draft.order.map((lane, row) => [lane, row]));
    for (const [event, lane] of draft.spawned) this.taskOfSpawn.set(event, rowOf.get(lane) as number);
    for (const [host, lane] of draft.hosts) this.hosts.set(host, rowOf.get(lane) as number);
    this.network = draft.network === null ? null : (rowOf.get(draft.network) as number);
  }

  /** The row of a task from its spawn on (call at each spawn, in order). */
  spawned(event: number, label: string): number {
    const lane = this.taskOfSpawn.get(event) as number;
    this.current.set(label, lane);
    const { host, key } = this.lanes[lane] as Lane;
    if (host !== null && key.startsWith(`${host}/`)) {
      const name = key.slice(host.length + 1);
      this.hostedByName.set(name, [...(this.hostedByName.get(name) ?? []), lane]);
    }
    return lane;
  }

  /** The row of the task labelled `label` now, or null for a task never spawned. */
  task(label: string): number | null {
    return this.current.get(label) ?? null;
  }

  /**
   * The row of the task an `await Task 'name'` names, from a task of `host`:
   * the host's own task of that name, else a task outside any host, else a
   * task of that name on another host, the first not yet done (the trace
   * names an awaited task without its host, so this last is a guess).
   */
  awaited(name: string, host: string | null, isDone: (lane: number) => boolean): number | null {
    const own = host === null ? null : this.task(`${host}/${name}`);
    if (own !== null) return own;
    const free = this.task(name);
    if (free !== null) return free;
    const hosted = this.hostedByName.get(name) ?? [];
    return hosted.find((lane) => !isDone(lane)) ?? hosted[0] ?? null;
  }

  /** A host's own row, or the network's for the world as a whole (the schedule's without one). */
  host(host: string | null): number {
    if (host === null) return this.network ?? this.schedule;
    return this.hosts.get(host) ?? this.schedule;
  }

  /** A host's row and its tasks' rows. */
  hostGroup(host: string): number[] {
    return this.lanes.filter((lane) => lane.host === host).map((lane) => lane.id);
  }
}

type DraftLane = Omit<Lane, 'id'>;

/** One pass over the trace: every row, in display order, and the row of each spawn and host. */
function draftLanes(events: readonly TraceEvent[]) {
  const schedule: DraftLane = { kind: 'schedule', name: 'schedule', key: 'schedule', host: null, since: -1 };
  let network: DraftLane | null = null;
  const free: DraftLane[] = [];
  const hosts = new Map<string, { lane: DraftLane; tasks: DraftLane[] }>();
  const hostOf = (host: string) => {
    let entry = hosts.get(host);
    if (entry === undefined) {
      entry = { lane: { kind: 'host', name: host, key: host, host, since: -1 }, tasks: [] };
      hosts.set(host, entry);
    }
    return entry;
  };
  const spawned = new Map<number, DraftLane>();
  const seen = new Map<string, number>();
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as TraceEvent;
    if (event.type === 'spawn') {
      const host = event.host ?? null;
      const count = (seen.get(event.task) ?? 0) + 1;
      seen.set(event.task, count);
      const short = host !== null && event.task.startsWith(`${host}/`) ? event.task.slice(host.length + 1) : event.task;
      const lane: DraftLane = { kind: 'task', name: count === 1 ? short : `${short} (${count})`, key: event.task, host, since: index };
      spawned.set(index, lane);
      (host === null ? free : hostOf(host).tasks).push(lane);
    } else if (event.type === 'world') {
      if (event.host === null) network ??= { kind: 'network', name: 'network', key: 'network', host: null, since: -1 };
      // A message's ends are hosts too, so its arrow has a row at each end.
      for (const host of [event.host, event.from, event.to]) if (host !== null && host !== undefined) hostOf(host);
    }
  }
  const order: DraftLane[] = [schedule, ...(network === null ? [] : [network]), ...free];
  for (const { lane, tasks } of hosts.values()) order.push(lane, ...tasks);
  const hostLanes = new Map([...hosts].map(([host, entry]) => [host, entry.lane]));
  return { order, spawned, hosts: hostLanes, network };
}
