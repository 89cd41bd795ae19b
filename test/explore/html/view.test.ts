// The page's pure parts, without a browser: the axis's spacing and labels,
// the viewport's zoom and pan, and what the pointer finds where.
import { describe, expect, it } from 'vitest';
import { explore, type TraceEvent } from '../../../src/index.js';
import { eventAt, positions } from '../../../src/explore/report/html/client/model/positions.js';
import { axisTicks, formatMs, niceStep } from '../../../src/explore/report/html/client/ui/axis.js';
import { frameOf } from '../../../src/explore/report/html/client/ui/frame.js';
import { hitTest } from '../../../src/explore/report/html/client/ui/hit.js';
import { createScene, eventSlot, ROW_PX } from '../../../src/explore/report/html/client/ui/scene.js';
import { Viewport } from '../../../src/explore/report/html/client/ui/viewport.js';
import * as leakySemaphore from '../../../examples/leaky-semaphore.js';

const at = (timeMs: number): TraceEvent => ({ type: 'timer-fired', timeMs, task: null, deadlineMs: timeMs });

describe('the axis', () => {
  const trace = [at(0), at(0), at(0), at(10), at(40)];

  it('gives each event a slot after the last, and virtual time its share of the axis', () => {
    expect([...positions(trace, 'order')]).toEqual([0, 1, 2, 3, 4, 5]);
    // balanced: 5 events over 40 ms, 1/8 slot a millisecond; time wins only when it runs ahead.
    expect([...positions(trace, 'balanced')]).toEqual([0, 1, 2, 3, 5, 6]);
    expect([...positions(trace, 'time')]).toEqual([0, 1, 2, 12.5, 50, 51]);
    expect([...positions([at(3), at(3)], 'time')]).toEqual([0, 1, 2]);
    expect([...positions([], 'balanced')]).toEqual([0]);
  });

  it('finds the event at a slot', () => {
    const x = positions(trace, 'time');
    expect([-1, 0, 0.5, 2.9, 12.5, 49, 50, 99].map((slot) => eventAt(x, slot))).toEqual([0, 0, 0, 2, 3, 3, 4, 4]);
  });

  it('labels times where they change, round times between, and each event when zoomed in', () => {
    const scene = createScene(trace, false, 'time');
    const view = new Viewport(scene.x[trace.length] as number, 1000, 200);
    const ticks = axisTicks(scene, view);
    expect(ticks.filter((tick) => tick.kind === 'time').map((tick) => tick.label)).toEqual(['0 ms', '5 ms', '10 ms', '15 ms', '20 ms', '25 ms', '30 ms', '35 ms', '40 ms']);
    expect(ticks.some((tick) => tick.kind === 'event')).toBe(false);
    view.show(0, 3, 1);
    expect(axisTicks(scene, view).filter((tick) => tick.kind === 'event').map((tick) => tick.label)).toEqual(['#0', '#1', '#2']);
  });

  it('steps by 1, 2 or 5 times a power of ten, and writes milliseconds and seconds', () => {
    expect([0.03, 0.1, 0.15, 3, 7, 45, 101].map(niceStep)).toEqual([0.05, 0.1, 0.2, 5, 10, 50, 200]);
    expect([0, 1.5, 0.1 + 0.2, 9999, 12_500].map(formatMs)).toEqual(['0 ms', '1.5 ms', '0.3 ms', '9999 ms', '12.5 s']);
  });
});

describe('the viewport', () => {
  it('fits the run, zooms around the pointer, and never pans past either end', () => {
    const view = new Viewport(100, 1024, 300);
    expect([view.scale, view.toPx(0), view.toPx(100)]).toEqual([10, 12, 1012]);
    const slot = view.toSlot(500);
    view.zoomAt(500, 4);
    expect(view.scale).toBe(40);
    expect(view.toSlot(500)).toBeCloseTo(slot, 9);
    view.pan(1e6);
    expect(view.toPx(0)).toBe(12);
    view.pan(-1e6);
    expect(view.toPx(100)).toBeCloseTo(1012, 9);
    view.zoomAt(0, 1e-9);
    expect(view.scale).toBe(10);
    view.show(40, 41);
    expect([view.scale, view.toPx(40.5)]).toEqual([40, 512]);
  });
});

describe('what the pointer finds', () => {
  const trace = explore(leakySemaphore.main, leakySemaphore.exploreOptions).failure!.trace;
  const scene = createScene(trace, true, 'order');
  const view = new Viewport(scene.x[trace.length] as number, 1024, 10 * ROW_PX);
  const frame = frameOf(scene, view);
  const px = (event: number) => view.toPx(eventSlot(scene, event));
  const middle = (row: number) => row * ROW_PX + ROW_PX / 2;

  it('a mark within a few pixels, on its row', () => {
    expect(hitTest(frame, px(16) + 3, middle(0))).toEqual({ kind: 'mark', mark: { lane: 0, event: 16, kind: 'failure', fault: true } });
    expect(hitTest(frame, px(9) - 2, middle(0))).toEqual({ kind: 'mark', mark: { lane: 0, event: 9, kind: 'choice', fault: true } });
    expect(hitTest(frame, px(13), middle(2))).toEqual({ kind: 'mark', mark: { lane: 2, event: 13, kind: 'cancelled', fault: false } });
  });

  it('else a task state under the pointer, and nothing past the rows', () => {
    expect(hitTest(frame, px(10) + 20, middle(3))).toMatchObject({ kind: 'span', span: { lane: 3, kind: 'await', detail: 'Semaphore.acquire()', open: true } });
    expect(hitTest(frame, px(5) - 10, middle(2))).toMatchObject({ kind: 'span', span: { lane: 2, kind: 'step', detail: 'sleep(10)' } });
    expect(hitTest(frame, px(3), middle(40))).toBeNull();
  });

  it('else an arrow passing close', () => {
    // The schedule's injected cancel: from the choice (#9, row 0) to request-1's cancel request (#10, row 2).
    const [x0, x1] = [px(9), px(10)];
    expect(hitTest(frame, (x0 + x1) / 2 + 1, (middle(0) + middle(2)) / 2)).toMatchObject({ kind: 'link', link: { kind: 'cancel', from: 9, to: 10 } });
  });
});
