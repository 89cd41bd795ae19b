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

/** Where an item is anchored: its row (to scroll it into view) and its event (to jump to). */
export function anchorOf(item: Item): { readonly row: number; readonly event: number } {
  switch (item.kind) {
    case 'mark':
      return { row: item.mark.lane, event: item.mark.event };
    case 'span':
      return { row: item.span.lane, event: item.span.from };
    case 'link':
      return { row: item.link.toLane, event: item.link.from };
    case 'band':
      return { row: item.band.lanes?.[0] ?? 0, event: item.band.from };
  }
}
