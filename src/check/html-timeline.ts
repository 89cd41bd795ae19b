/**
 * One part's operations drawn as Porcupine draws them: a lane per process,
 * each operation a bar over its interval on a shared time axis. The
 * linearization (or the longest linearizable prefix) is numbered in order,
 * the operation that cannot follow the prefix is red, the other candidates
 * orange; hovering a bar shows the operation and the model state after it.
 * Plain SVG with `<title>` tooltips: no script, no network.
 */
import { intervalText, operationText } from './describe.js';
import type { LinearizabilityResult, PartResult } from './result.js';

const LANE_PX = 30;
const LABEL_PX = 56;
const PLOT_PX = 900;
const AXIS_PX = 24;
const OPEN_PX = 40; // how far past the last instant an operation that never closes is drawn
/** Parts with more operations show a window of this many (in invocation order) around where it fails. */
export const MAX_DRAWN = 1000;

type Role = 'linearized' | 'blocked' | 'candidate' | 'failed' | 'other';

interface Drawn {
  readonly index: number;
  readonly role: Role;
  readonly order: number | undefined; // 1-based place in the (partial) linearization
  readonly note: string;
}

/** The SVG of one part, and a note when only a window of its operations is drawn. */
export function partTimeline<State, Input, Output>(result: LinearizabilityResult<State, Input, Output>, part: PartResult<State>): string {
  const shown = drawnWindow(part);
  const order = part.linearization?.operations ?? part.failure?.prefix ?? [];
  const places = new Map(order.map((index, place) => [index, place]));
  const drawn = shown.map((index) => describeRole(result, part, places, index));
  const history = result.history;
  const processes = [...new Set(shown.map((index) => history[index]!.process))].sort((a, b) => a - b);
  const lane = new Map(processes.map((process, i) => [process, i]));
  let start = Infinity;
  let end = -Infinity;
  for (const index of shown) {
    const operation = history[index]!;
    start = Math.min(start, operation.invokeTime);
    end = Math.max(end, operation.completeTime ?? operation.invokeTime);
  }
  const span = end > start ? end - start : 1;
  const x = (time: number) => LABEL_PX + ((time - start) / span) * PLOT_PX;
  const width = LABEL_PX + PLOT_PX + OPEN_PX + 8;
  const height = AXIS_PX + processes.length * LANE_PX + 4;
  const out: string[] = [`<svg class="sh-timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">`];
  out.push(axis(start, end, x, height));
  processes.forEach((process, i) => out.push(`<text class="sh-lane" x="4" y="${AXIS_PX + i * LANE_PX + 19}">p${process}</text>`));
  for (const item of drawn) {
    const operation = history[item.index]!;
    const y = AXIS_PX + lane.get(operation.process)! * LANE_PX + 4;
    const left = x(operation.invokeTime);
    const closeX = operation.completeTime === undefined ? left : x(operation.completeTime);
    const open = operation.status !== 'ok' && operation.status !== 'fail';
    const right = open ? LABEL_PX + PLOT_PX + OPEN_PX : closeX;
    out.push(bar(item, operationText(result.model, operation), left, Math.max(closeX, left + 3), right, y, title(result, item)));
  }
  out.push('</svg>');
  const total = part.operations.length;
  const note = shown.length < total ? `<p class="sh-note">showing ${shown.length} of ${total} operations, around where the search got stuck</p>` : '';
  return note + out.join('\n');
}

function drawnWindow(part: PartResult<unknown>): readonly number[] {
  const operations = part.operations;
  if (operations.length <= MAX_DRAWN) return operations;
  const focus = part.failure === undefined ? 0 : Math.max(0, operations.indexOf(part.failure.blocked));
  const from = Math.max(0, Math.min(focus - Math.floor(MAX_DRAWN * 0.8), operations.length - MAX_DRAWN));
  return operations.slice(from, from + MAX_DRAWN);
}

/** What an operation is in the picture; `places` gives each linearized operation's place in the (partial) linearization. */
function describeRole<State, Input, Output>(
  result: LinearizabilityResult<State, Input, Output>,
  part: PartResult<State>,
  places: ReadonlyMap<number, number>,
  index: number,
): Drawn {
  const describe = (state: State) => result.model.describeState(state);
  const states = part.linearization?.states ?? part.failure?.states ?? [];
  const place = places.get(index);
  if (place !== undefined) return { index, role: 'linearized', order: place + 1, note: `linearized ${place + 1} of ${places.size}; state after it: ${describe(states[place]!)}` };
  if (result.history[index]!.status === 'fail') return { index, role: 'failed', order: undefined, note: 'failed: dropped, it took no effect' };
  const failure = part.failure;
  if (failure !== undefined && failure.blocked === index) {
    return { index, role: 'blocked', order: undefined, note: `cannot follow the longest linearizable prefix: illegal in state ${describe(failure.state)}` };
  }
  if (failure?.candidates.includes(index)) return { index, role: 'candidate', order: undefined, note: `could come next after the prefix, but illegal in state ${describe(failure.state)}` };
  const unknown = result.history[index]!.status === 'ok' ? '' : ' (outcome unknown)';
  if (part.linearization !== undefined) return { index, role: 'other', order: undefined, note: 'outcome unknown: this linearization leaves it out (it never took effect)' };
  if (failure !== undefined) return { index, role: 'other', order: undefined, note: `not in the longest linearizable prefix${unknown}` };
  return { index, role: 'other', order: undefined, note: `undecided: a budget ran out${unknown}` };
}

function title<State, Input, Output>(result: LinearizabilityResult<State, Input, Output>, item: Drawn): string {
  const operation = result.history[item.index]!;
  return `#${item.index} p${operation.process} ${operationText(result.model, operation)} ${intervalText(operation)}\n${item.note}`;
}

function bar(item: Drawn, text: string, left: number, closeX: number, right: number, y: number, tip: string): string {
  const label = item.order === undefined ? text : `${item.order}. ${text}`;
  const fits = Math.floor((closeX - left - 6) / 6.5);
  const shown = fits < 2 ? '' : label.length <= fits ? label : `${label.slice(0, Math.max(1, fits - 1))}…`;
  const parts = [`<g class="sh-op sh-${item.role}"><title>${escapeHtml(tip)}</title>`];
  if (right > closeX) parts.push(`<rect class="sh-tail" x="${px(closeX)}" y="${y}" width="${px(right - closeX)}" height="22"/>`);
  parts.push(`<rect x="${px(left)}" y="${y}" width="${px(closeX - left)}" height="22" rx="3"/>`);
  if (shown !== '') parts.push(`<text x="${px(left + 4)}" y="${y + 15}">${escapeHtml(shown)}</text>`);
  parts.push('</g>');
  return parts.join('');
}

function axis(start: number, end: number, x: (time: number) => number, height: number): string {
  const step = tickStep((end - start) / 6);
  const ticks: string[] = [];
  const first = Math.ceil(start / step);
  // By index, not by adding steps: at large times an added step can be lost to rounding.
  for (let k = first; k <= first + 10 && k * step <= end; k++) {
    const time = k * step;
    const at = px(x(time));
    ticks.push(`<line class="sh-tick" x1="${at}" y1="${AXIS_PX - 6}" x2="${at}" y2="${height}"/><text class="sh-time" x="${at}" y="12">${escapeHtml(formatTime(time))}</text>`);
  }
  return ticks.join('');
}

/** The round step (1, 2 or 5 times a power of ten) nearest above `rough`. */
function tickStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough)!;
}

function formatTime(time: number): string {
  return Number.isInteger(time) ? String(time) : String(Number(time.toPrecision(6)));
}

function px(value: number): string {
  return value.toFixed(1);
}

/** Text safe inside HTML and SVG elements and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
