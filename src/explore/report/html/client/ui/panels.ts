import { renderEvent, type TraceEvent } from '../../../trace.js';
import type { Description } from '../model/describe.js';
import type { Moment } from '../model/types.js';
import { byId, el } from './dom.js';
import { ROW_PX, type Scene } from './scene.js';

/** The key moments listed at most; the rest are counted. */
const MOMENTS_LISTED = 500;

/** One label per row, left of the plot: a task by its name (its full label on hover), a host in bold. */
export function mountLabels(scene: Scene): void {
  const labels = byId('labels');
  labels.replaceChildren(
    ...scene.timeline.lanes.map((lane) =>
      el(
        'div',
        {
          class: `lane lane-${lane.kind}`,
          'data-kind': lane.kind,
          'data-key': lane.key,
          ...(lane.kind === 'task' && lane.host !== null ? { 'data-hosted': lane.host } : {}),
          title: lane.key,
          style: `height:${ROW_PX}px`,
        },
        lane.kind === 'host' ? `host ${lane.name}` : lane.name,
      ),
    ),
  );
  labels.parentElement?.style.setProperty('--rows-px', `${scene.timeline.lanes.length * ROW_PX}px`);
}

/** The list of non-FIFO choices, faults, cancels and the failure; each jumps to its place. */
export function mountMoments(scene: Scene, jump: (event: number) => void): void {
  const moments = scene.timeline.moments;
  const list = byId('moment-list');
  list.replaceChildren(...moments.slice(0, MOMENTS_LISTED).map((moment) => momentItem(moment, jump)));
  if (moments.length > MOMENTS_LISTED) list.append(el('li', { class: 'more' }, `and ${moments.length - MOMENTS_LISTED} more`));
  if (moments.length === 0) list.append(el('li', { class: 'none' }, 'none: a FIFO, fault-free run without cancels'));
}

function momentItem(moment: Moment, jump: (event: number) => void): HTMLLIElement {
  const button = el('button', { type: 'button' }, moment.text);
  button.addEventListener('click', () => jump(moment.event));
  return el('li', { class: `moment moment-${moment.kind}`, 'data-kind': moment.kind, 'data-event': String(moment.event) }, button);
}

/** The details of the clicked item: what it is, when, the events involved (each a link to its place), and the first event as data. */
export function showDetails(scene: Scene, description: Description | null, jump: (event: number) => void): void {
  const panel = byId('details');
  if (description === null) {
    panel.replaceChildren(el('p', { class: 'hint' }, 'Click anything on the timeline for its details.'));
    return;
  }
  const events = description.events.map((index) => {
    const button = el('button', { type: 'button', 'data-event': String(index) }, renderEvent(scene.events[index] as TraceEvent));
    button.addEventListener('click', () => jump(index));
    return el('li', {}, button);
  });
  const first = scene.events[description.events[0] ?? -1];
  panel.replaceChildren(
    el('h3', {}, description.title),
    ...description.lines.map((line) => el('p', {}, line)),
    el('ul', { class: 'related' }, ...events),
    ...(first === undefined ? [] : [el('pre', {}, JSON.stringify(first, null, 1))]),
  );
}

/** The tooltip by the pointer: the item's title and first line. */
export function showTooltip(description: Description | null, x: number, y: number): void {
  const tooltip = byId('tooltip');
  if (description === null) {
    tooltip.hidden = true;
    return;
  }
  tooltip.replaceChildren(el('strong', {}, description.title), ...description.lines.slice(0, 2).map((line) => el('div', {}, line)));
  tooltip.hidden = false;
  const width = tooltip.offsetWidth;
  tooltip.style.left = `${Math.min(x + 14, window.innerWidth - width - 8)}px`;
  tooltip.style.top = `${y + 16}px`;
}

/** The trace as text, written into its `<details>` the first time it is opened (10,000 lines cost nothing until then). */
export function mountTraceText(scene: Scene): void {
  const details = byId<HTMLDetailsElement>('trace-text');
  details.addEventListener('toggle', () => {
    const pre = details.querySelector('pre');
    if (details.open && pre !== null && pre.childNodes.length === 0) pre.textContent = scene.events.map((event, index) => `#${index} ${renderEvent(event)}`).join('\n');
  });
}
