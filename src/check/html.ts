/**
 * The HTML view of a check, like Porcupine's visualisation: per part (each
 * key of a `kv` history), its explanation and its timeline (html-timeline.ts).
 * One self-contained string: inline style, no script, nothing fetched, so it
 * opens from file:// and embeds in another page.
 */
import { partLabel } from './describe.js';
import { explainPart, formatCheckResult } from './explain.js';
import { escapeHtml, MAX_DRAWN, partTimeline } from './html-timeline.js';
import type { LinearizabilityResult, PartResult } from './result.js';

const STYLE = `
.simloop-history { font: 13px/1.4 system-ui, sans-serif; color: #1d1d1f; }
.simloop-history pre { font: 12px/1.4 ui-monospace, monospace; background: #f5f5f7; padding: 8px; overflow-x: auto; }
.simloop-history summary { cursor: pointer; font-weight: 600; margin: 8px 0; }
.simloop-history .sh-verdict { font-size: 16px; font-weight: 700; }
.simloop-history .sh-bad { color: #b3261e; } .simloop-history .sh-good { color: #1b7f3b; } .simloop-history .sh-unknown { color: #8a6d00; }
.sh-timeline text { font: 11px ui-monospace, monospace; fill: #1d1d1f; pointer-events: none; }
.sh-timeline .sh-lane { font-weight: 600; }
.sh-timeline .sh-time { fill: #6e6e73; text-anchor: middle; }
.sh-timeline .sh-tick { stroke: #e5e5ea; }
.sh-op rect { stroke: #48484a; stroke-width: 0.5; }
.sh-op:hover rect { stroke: #000; stroke-width: 2; }
.sh-linearized rect { fill: #b7e4c7; } .sh-blocked rect { fill: #f4a7a1; } .sh-candidate rect { fill: #fcd59a; }
.sh-other rect { fill: #d6e4f0; } .sh-failed rect { fill: #ececec; stroke-dasharray: 3 2; }
.sh-op rect.sh-tail { fill: none; stroke-dasharray: 4 3; }
.simloop-history .sh-legend span { display: inline-block; padding: 0 6px; margin-right: 6px; border: 1px solid #48484a; border-radius: 3px; }
`;

/** The bars drawn over all parts, at most. */
const MAX_BARS = 20_000;

const LEGEND =
  '<p class="sh-legend"><span style="background:#b7e4c7">linearized, numbered in order</span><span style="background:#f4a7a1">cannot follow the longest prefix</span>' +
  '<span style="background:#fcd59a">could come next, illegal there</span><span style="background:#d6e4f0">not reached</span>' +
  '<span style="background:#ececec">failed (dropped)</span> a dashed tail: outcome unknown, open to the end. Hover a bar for the state.</p>';

/**
 * The view as an HTML fragment (`<section class="simloop-history">` with its
 * own `<style>`), for embedding in another page such as a run's timeline.
 *
 * @example
 * const fragment = renderHistorySection(checkLinearizability(history, 'kv'));
 */
export function renderHistorySection<State, Input, Output>(result: LinearizabilityResult<State, Input, Output>): string {
  const verdictClass = result.verdict === 'linearizable' ? 'sh-good' : result.verdict === 'unknown' ? 'sh-unknown' : 'sh-bad';
  const out = [`<section class="simloop-history"><style>${STYLE}</style>`, `<p class="sh-verdict ${verdictClass}">${escapeHtml(result.verdict)}</p>`];
  out.push(`<p>${result.history.length} operations in ${result.parts.length} part${result.parts.length === 1 ? '' : 's'}, ${result.statesExplored} states explored.</p>`);
  if (result.verdict === 'unknown') out.push(`<p>${escapeHtml(formatCheckResult(result).at(-1)!)}</p>`);
  out.push(LEGEND);
  const drawn = partsDrawn(result.parts);
  for (const part of result.parts) out.push(partSection(result, part, drawn.has(part)));
  out.push('</section>');
  return out.join('\n');
}

/**
 * The view as a whole HTML document, to write to a file and open in a browser.
 *
 * @example
 * writeFileSync('history.html', renderHistoryHtml(result, { title: 'kv store, seed 7' }));
 */
export function renderHistoryHtml<State, Input, Output>(result: LinearizabilityResult<State, Input, Output>, options: { title?: string } = {}): string {
  const title = escapeHtml(options.title ?? `simloop check: ${result.verdict}`);
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>\n<body>\n<h1 style="font:600 18px system-ui,sans-serif">${title}</h1>\n${renderHistorySection(result)}\n</body></html>\n`;
}

/**
 * The parts whose timelines are drawn: every part that is not linearizable or
 * undecided, then linearizable ones in order while the bars drawn stay under
 * MAX_BARS, so a 100,000-operation history still opens quickly.
 */
function partsDrawn(parts: readonly PartResult<unknown>[]): Set<PartResult<unknown>> {
  const drawn = new Set<PartResult<unknown>>();
  let bars = 0;
  const failingFirst = [...parts.filter((part) => part.verdict !== 'linearizable'), ...parts.filter((part) => part.verdict === 'linearizable')];
  for (const part of failingFirst) {
    const cost = Math.min(part.operations.length, MAX_DRAWN);
    if (part.verdict === 'linearizable' && bars + cost > MAX_BARS) continue;
    drawn.add(part);
    bars += cost;
  }
  return drawn;
}

function partSection<State, Input, Output>(result: LinearizabilityResult<State, Input, Output>, part: PartResult<State>, draw: boolean): string {
  const open = part.verdict !== 'linearizable' || result.parts.length === 1 ? ' open' : '';
  const verdictClass = part.verdict === 'linearizable' ? 'sh-good' : part.verdict === 'unknown' ? 'sh-unknown' : 'sh-bad';
  const heading = `${escapeHtml(partLabel(part.key, result.model))}: <span class="${verdictClass}">${part.verdict}</span> (${part.operations.length} operations)`;
  const explanation = explainPart(result, part);
  const text = explanation.length === 0 ? '' : `<pre>${escapeHtml(explanation.join('\n'))}</pre>`;
  const timeline = part.operations.length === 0 ? '' : draw ? partTimeline(result, part) : `<p class="sh-note">not drawn: the view draws at most ${MAX_BARS} bars in all, and the parts that fail come first</p>`;
  return `<details class="sh-part"${open}><summary>${heading}</summary>\n${text}\n${timeline}\n</details>`;
}
