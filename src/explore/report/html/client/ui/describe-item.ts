import { describeBand, describeLink, describeMark, describeSpan, type Description } from '../model/describe.js';
import type { Item } from './hit.js';
import type { Scene } from './scene.js';

/** What the tooltip and the details panel say about an item. */
export function describeItem(scene: Scene, item: Item): Description {
  switch (item.kind) {
    case 'mark':
      return describeMark(scene.events, item.mark);
    case 'span':
      return describeSpan(scene.events, scene.timeline, item.span);
    case 'link':
      return describeLink(scene.events, scene.timeline, item.link);
    case 'band':
      return describeBand(scene.events, item.band);
  }
}

/** The item an event stands for when jumped to: its first mark, else the step it is, else nothing. */
export function itemOfEvent(scene: Scene, event: number): Item | null {
  const mark = scene.timeline.marks.find((each) => each.event === event);
  if (mark !== undefined) return { kind: 'mark', mark };
  const span = scene.timeline.spans.find((each) => each.kind === 'step' && each.from === event);
  return span === undefined ? null : { kind: 'span', span };
}

/** The row an item sits on, to scroll it into view. */
export function rowOf(item: Item): number {
  switch (item.kind) {
    case 'mark':
      return item.mark.lane;
    case 'span':
      return item.span.lane;
    case 'link':
      return item.link.toLane;
    case 'band':
      return item.band.lanes?.[0] ?? 0;
  }
}

/** The event an item is anchored at. */
export function eventOf(item: Item): number {
  switch (item.kind) {
    case 'mark':
      return item.mark.event;
    case 'span':
      return item.span.from;
    case 'link':
      return item.link.from;
    case 'band':
      return item.band.from;
  }
}
