// The timeline the HTML page draws, built from traces: rows, task states,
// marks, arrows, shaded stretches and key moments, checked exactly.
import { describe, expect, it } from 'vitest';
import { explore, replay, ScheduleFailure, type TraceEvent } from '../../../src/index.js';
import { buildTimeline } from '../../../src/explore/report/html/client/model/build.js';
import type { Timeline } from '../../../src/explore/report/html/client/model/types.js';
import * as leakySemaphore from '../../../examples/leaky-semaphore.js';
import * as lostUpdate from '../../../examples/lost-update.js';
import { toyWorld } from './toy-world.js';

/** A timeline as short lines: `row:kind[from,to) detail`, `row:kind@event`, `kind row@event->row@event`. */
function outline(timeline: Timeline) {
  return {
    lanes: timeline.lanes.map((lane) => `${lane.kind} ${lane.key}`),
    spans: timeline.spans.map((span) => `${span.lane}:${span.kind}[${span.from},${span.to})${span.detail === '' ? '' : ` ${span.detail}`}${span.open ? ' open' : ''}`),
    marks: timeline.marks.map((mark) => `${mark.lane}:${mark.kind}@${mark.event}${mark.fault ? '!' : ''}`),
    links: timeline.links.map((link) => `${link.kind}${link.action === undefined ? '' : ` ${link.action}`} ${link.fromLane}@${link.from}->${link.toLane}@${link.to}`),
    moments: timeline.moments.map((moment) => `${moment.kind}@${moment.event}`),
  };
}

function failingTrace(main: () => Generator<unknown, void, unknown>, schedule: string): readonly TraceEvent[] {
  try {
    replay(main as never, schedule);
  } catch (error) {
    if (error instanceof ScheduleFailure) return error.trace;
    throw error;
  }
  throw new Error('the run passed');
}

describe('the timeline of a trace', () => {
  it('follows the lost update: each task waiting, woken and stepping, the choice and the failure', () => {
    const trace = explore(lostUpdate.main, { invariant: lostUpdate.invariant }).failure!.trace;
    expect(outline(buildTimeline(trace, true))).toEqual({
      lanes: ['schedule schedule', 'task main', 'task deposit', 'task payroll'],
      spans: [
        '1:pending[0,3)',
        "1:step[3,4) await Task 'deposit'",
        "1:await-task[3,10) Task 'deposit'",
        '1:ready[10,11)',
        '1:step[11,12) Error: lost update: the balance is 150, expected 1150',
        '2:pending[1,6)',
        '2:step[6,7) sleep(0)',
        '2:yield[6,9) sleep(0)',
        '2:step[9,10) undefined',
        '3:pending[2,5)',
        '3:step[5,6) sleep(0)',
        '3:yield[5,7) sleep(0)',
        '3:step[7,8) undefined',
      ],
      marks: ['0:choice@4!', '0:failure@13!', '1:spawn@0', '1:raised@12', '2:spawn@1', '2:finished@10', '3:spawn@2', '3:finished@8'],
      links: ['spawn 1@1->2@1', 'spawn 1@2->3@2', 'wakeup 2@10->1@11'],
      moments: ['choice@4', 'failure@13'],
    });
  });

  it('follows the leaked slot: the injected cancel from the schedule, and the waits the deadlock left open', () => {
    const trace = explore(leakySemaphore.main, leakySemaphore.exploreOptions).failure!.trace;
    const timeline = outline(buildTimeline(trace, true));
    expect(timeline.spans.filter((span) => span.endsWith(' open'))).toEqual([
      "1:await-task[15,16) Task 'request-2' open",
      '3:await[6,16) Semaphore.acquire() open',
      '4:await[7,16) Semaphore.acquire() open',
    ]);
    expect(timeline.spans.filter((span) => span.startsWith('2:'))).toEqual(['2:pending[1,5)', '2:step[5,6) sleep(10)', '2:sleep[5,8) sleep(10)', '2:ready[8,12)', '2:step[12,13) CancelledError']);
    expect(timeline.links).toEqual(['spawn 1@1->2@1', 'spawn 1@2->3@2', 'spawn 1@3->4@3', 'cancel 0@9->2@10', 'wakeup 2@13->1@15']);
    expect(timeline.marks.filter((mark) => mark.startsWith('2:'))).toEqual(['2:spawn@1', '2:timer@8', '2:cancel-requested@10!', '2:cancel-delivered@11', '2:cancelled@13']);
    expect(timeline.moments).toEqual(['choice@9', 'cancel@10', 'failure@16']);
  });

  it('groups a world by host, draws its messages, shades its crash and partition, and abandons the crashed host\'s tasks', () => {
    const trace = failingTrace(toyWorld, 'v2;net=0x2,1;crash=1');
    const timeline = buildTimeline(trace, true);
    const at = (action: string) => trace.findIndex((event) => event.type === 'world' && event.action === action);
    const row = (key: string) => timeline.lanes.findIndex((lane) => lane.key === key);
    expect(outline(timeline).lanes).toEqual([
      'schedule schedule',
      'network network',
      'task main',
      'task watcher',
      'host r1',
      'task r1/server',
      'host r2',
      'task r2/server',
      'host c1',
      'task c1/client',
      'host r2#2',
      'task r2#2/server',
    ]);
    expect(timeline.bands).toEqual([
      { kind: 'partition', from: at('partition'), to: at('repair'), lanes: null, fault: true },
      { kind: 'down', from: at('crash'), to: at('restart'), lanes: [row('r2'), row('r2/server')], fault: true },
    ]);
    expect(timeline.marks).toContainEqual({ lane: row('r2/server'), event: at('crash'), kind: 'abandoned', fault: true });
    expect(timeline.spans.filter((span) => span.lane === row('r2/server') && span.to === at('crash')).map((span) => span.kind)).toEqual(['sleep']);
    // Every message from its send: delivered on the receiver's row, or dropped on the network's; #8 died with r2.
    const messages = timeline.links.filter((link) => link.kind === 'message');
    const ids = (links: typeof messages) => links.map((link) => (trace[link.from] as { id: number }).id);
    expect(ids(messages.filter((link) => link.action === 'deliver'))).toEqual([1, 2, 4, 5, 6, 7, 9, 10, 11, 12]);
    expect(messages.find((link) => link.action === 'drop')).toEqual({ kind: 'message', from: at('drop') - 2, fromLane: row('r1'), to: at('drop'), toLane: row('network'), action: 'drop', fault: true });
    for (const link of messages.filter((each) => each.action === 'deliver')) expect(timeline.lanes[link.toLane]?.key).toBe((trace[link.to] as { to: string }).to);
    for (const lane of timeline.lanes) {
      const froms = timeline.spans.filter((span) => span.lane === lane.id).map((span) => span.from);
      expect(froms).toEqual([...froms].sort((a, b) => a - b));
    }
    const world = trace.flatMap((event, index) => (event.type === 'world' ? [index] : []));
    expect(timeline.marks.filter((mark) => mark.kind === 'world').map((mark) => mark.event).sort((a, b) => a - b)).toEqual(world);
    expect(outline(timeline).moments.filter((moment) => !moment.startsWith('cancel'))).toEqual([
      `choice@${at('drop') - 1}`,
      `fault@${at('drop')}`,
      `fault@${at('partition')}`,
      `fault@${at('buggify')}`,
      `choice@${at('crash') - 1}`,
      `fault@${at('crash')}`,
      `fault@${at('clock-jump')}`,
      `failure@${trace.length - 1}`,
    ]);
  });
});

describe('the timeline of hand-written traces', () => {
  const spawn = (timeMs: number, task: string, parent: string | null, host?: string): TraceEvent => ({ type: 'spawn', timeMs, task, parent, ...(host === undefined ? {} : { host }) });
  const step = (timeMs: number, task: string, detail: string, outcome: 'yielded' | 'returned' | 'raised' = 'yielded'): TraceEvent => ({ type: 'step', timeMs, task, outcome, detail });
  const done = (timeMs: number, task: string): TraceEvent => ({ type: 'done', timeMs, task, state: 'finished' });
  const world = (timeMs: number, action: string, host: string | null, fault = false, detail = ''): TraceEvent => ({ type: 'world', timeMs, action, host, detail, fault });

  it('gives a second task of the same name a row of its own, and its events go there', () => {
    const trace: TraceEvent[] = [spawn(0, 'main', null), spawn(0, 'worker', 'main'), step(0, 'worker', 'x', 'returned'), done(0, 'worker'), spawn(0, 'worker', 'main'), step(0, 'worker', 'sleep(5)'), { type: 'end', timeMs: 5, outcome: 'return undefined' }];
    const timeline = outline(buildTimeline(trace, false));
    expect(buildTimeline(trace, false).lanes.map((lane) => lane.name)).toEqual(['schedule', 'main', 'worker', 'worker (2)']);
    expect(timeline.spans.filter((span) => span.startsWith('3:'))).toEqual(['3:pending[4,5)', '3:step[5,6) sleep(5)', '3:sleep[5,6) sleep(5) open']);
    expect(timeline.marks).toContain('0:end@6');
    expect(timeline.moments).toEqual([]);
  });

  it('links an await on a task already done to the done event that let it through', () => {
    const trace: TraceEvent[] = [spawn(0, 'main', null), spawn(0, 'child', 'main'), step(0, 'child', '1', 'returned'), done(0, 'child'), step(0, 'main', "await Task 'child'"), step(0, 'main', 'undefined', 'returned'), done(0, 'main')];
    expect(outline(buildTimeline(trace, false)).links).toEqual(['spawn 1@1->2@1', 'wakeup 2@3->1@5']);
  });

  it('takes an await from outside the hosts for the task of that name not yet done, as the trace does not say whose', () => {
    const trace: TraceEvent[] = [
      spawn(0, 'main', null),
      spawn(0, 'a/worker', 'main', 'a'),
      spawn(0, 'b/worker', 'main', 'b'),
      step(0, 'a/worker', '1', 'returned'),
      done(0, 'a/worker'),
      step(0, 'main', "await Task 'worker'"),
      step(0, 'b/worker', '2', 'returned'),
      done(0, 'b/worker'),
      step(0, 'main', 'undefined', 'returned'),
    ];
    const timeline = buildTimeline(trace, false);
    expect(timeline.lanes.map((lane) => lane.key)).toEqual(['schedule', 'main', 'a', 'a/worker', 'b', 'b/worker']);
    expect(outline(timeline).links.filter((link) => link.startsWith('wakeup'))).toEqual(['wakeup 5@7->1@8']);
  });

  it('gives a message\'s ends rows of their own, even hosts with no task and no event of their own', () => {
    const trace: TraceEvent[] = [
      { type: 'world', timeMs: 0, action: 'send', host: 'a', detail: '#1', fault: false, id: 1, from: 'a', to: 'b' },
      { type: 'world', timeMs: 2, action: 'deliver', host: null, detail: '#1', fault: false, id: 1, from: 'a', to: 'b' },
    ];
    const timeline = buildTimeline(trace, false);
    expect(timeline.lanes.map((lane) => `${lane.kind} ${lane.key}`)).toEqual(['schedule schedule', 'network network', 'host a', 'host b']);
    expect(outline(timeline).links).toEqual(['message deliver 2@0->3@1']);
  });

  it('marks any world action, fault or not, on its host\'s row, and pairs pauses and partitions by host and detail', () => {
    const trace: TraceEvent[] = [
      world(0, 'disk-torn-write', 'd1', true, 'block 7'),
      world(1, 'pause', 'd1', true),
      world(2, 'partition', null, true, 'a | b'),
      world(3, 'partition', null, true, 'c | d'),
      world(4, 'repair', null, false, 'c | d'),
      world(5, 'resume', 'd1'),
      world(6, 'frobnicate', 'd1'),
    ];
    const timeline = buildTimeline(trace, false);
    expect(timeline.lanes.map((lane) => `${lane.kind} ${lane.key}`)).toEqual(['schedule schedule', 'network network', 'host d1']);
    expect(outline(timeline).marks).toEqual(['1:world@2!', '1:world@3!', '1:world@4', '2:world@0!', '2:world@1!', '2:world@5', '2:world@6']);
    expect(timeline.bands).toEqual([
      { kind: 'partition', from: 3, to: 4, lanes: null, fault: true },
      { kind: 'paused', from: 1, to: 5, lanes: [2], fault: true },
      { kind: 'partition', from: 2, to: -1, lanes: null, fault: true },
    ]);
    expect(outline(timeline).moments).toEqual(['fault@0', 'fault@1', 'fault@2', 'fault@3']);
    expect(timeline.endEvent).toBe(6);
  });

  it('draws an empty trace as the schedule\'s row alone', () => {
    expect(buildTimeline([], false)).toEqual({ lanes: [{ id: 0, kind: 'schedule', name: 'schedule', key: 'schedule', host: null, since: -1 }], spans: [], marks: [], links: [], bands: [], moments: [], endEvent: -1, failed: false });
  });
});
