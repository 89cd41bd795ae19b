import { escapeHtml } from './escape.js';
import type { HtmlSection } from './timeline.js';

/** The swatches of the legend: task states, marks and arrows. */
const LEGEND = [
  ['#283593', 'step (yield)'],
  ['#2e7d32', 'step (return)'],
  ['#c62828', 'step (raise)'],
  ['#bbdefb', 'sleeping'],
  ['#d1c4e9', 'awaiting a task'],
  ['#ffe0b2', 'waiting on a future or lock'],
  ['#c8e6c9', 'ready'],
  ['#eceff1', 'not started'],
  ['#f9a825', 'non-FIFO choice'],
  ['#d81b60', "the world's choice"],
  ['#d32f2f', 'fault'],
  ['#d50000', 'failure'],
  ['#7e57c2', 'wakeup'],
  ['#ef6c00', 'cancel'],
  ['#1565c0', 'message'],
]
  .map(([color, name]) => `<span><i style="background:${color}"></i>${name}</span>`)
  .join('');

/** The page between the header and the panels: toolbar, legend, the timeline's axis, rows and canvas, details and key moments, the trace as text. */
export const PAGE_BODY = `<div id="toolbar">
<button type="button" data-zoom="in" title="zoom in (W, +)">+</button><button type="button" data-zoom="out" title="zoom out (S, -)">&minus;</button><button type="button" data-zoom="fit" title="the whole run (0)">fit</button>
<span>spacing:</span>
<label><input type="radio" name="spacing" value="balanced" checked> time and events</label>
<label><input type="radio" name="spacing" value="time"> virtual time</label>
<label><input type="radio" name="spacing" value="order"> one slot per event</label>
<span class="hint">drag or A/D to pan · ctrl+wheel or W/S to zoom · hover or click for details</span>
</div>
<div id="legend">${LEGEND}<span>◆ choice · ▲ cancel · ■ world event · ● done · ✕ cancelled or abandoned · dashed outline: still waiting at the end</span></div>
<div id="timeline">
<div id="axis-row"><div id="axis-corner"></div><canvas id="axis"></canvas></div>
<div id="scroller"><div id="labels"></div><div id="plot"><canvas id="canvas"></canvas></div></div>
</div>
<div id="below">
<section id="details" aria-live="polite"></section>
<section id="moments"><h2>Key moments: non-FIFO choices, faults, cancels, the failure</h2><ol id="moment-list"></ol></section>
</div>
<div id="tooltip" hidden></div>
<details id="trace-text"><summary>The trace as text</summary><pre></pre></details>`;

/** The extra panels, each under its title, their HTML as given; `id` names the first, for links to it. */
export function renderSections(sections: readonly HtmlSection[], id?: string): string {
  return sections
    .map((section, index) => `<section class="embed"${index === 0 && id !== undefined ? ` id="${id}"` : ''}><h2>${escapeHtml(section.title)}</h2>\n${section.html}\n</section>`)
    .join('\n');
}
