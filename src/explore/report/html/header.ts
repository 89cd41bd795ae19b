import type { FailureReport, ScheduleSummary } from '../failure-report.js';
import { describeFailure } from '../failure.js';
import { formatParameter, plural, worldPart } from '../report.js';
import type { TraceEvent } from '../trace.js';
import { escapeHtml } from './escape.js';
import type { HtmlTimelineOptions, HtmlTimelineRun } from './timeline.js';

/** The run's verdict: FAILED and how, passed and with what, or unknown (a trace with no end). */
export interface Verdict {
  readonly failed: boolean | null;
  readonly text: string;
}

export function verdictOf(run: HtmlTimelineRun): Verdict {
  if (run.failure !== undefined && run.failure !== null) return { failed: true, text: `FAILED: ${describeFailure(run.failure)}` };
  const end = [...run.trace].reverse().find((event) => event.type === 'end');
  const outcome = end?.type === 'end' ? end.outcome : null;
  if (run.failure === null) return { failed: false, text: `passed: ${outcome ?? 'the run ended'}` };
  if (outcome === null) return { failed: null, text: 'the trace has no end' };
  const passed = outcome === 'return' || outcome.startsWith('return ');
  return { failed: !passed, text: passed ? `passed: ${outcome}` : `FAILED: ${outcome}` };
}

/** The header: title, verdict (with a failed check's explanation), the replay line and shell command (each with a copy button), and the facts. */
export function renderHeader(run: HtmlTimelineRun | FailureReport, verdict: Verdict, title: string, options: HtmlTimelineOptions): string {
  const copyable = (id: string, label: string, text: string) =>
    `<div class="copyable"><span class="label">${label}</span><code id="${id}">${escapeHtml(text)}</code><button type="button" data-copy="${id}">copy</button></div>`;
  const lines = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p id="verdict" class="${verdict.failed === true ? 'failed' : verdict.failed === false ? 'passed' : 'unknown'}">${escapeHtml(verdict.text)}</p>`,
  ];
  // A failed check's explanation; when the check has a view of its own, that view (below) explains it.
  const explanation = run.failure?.explanation ?? [];
  if (run.failure?.html !== undefined && run.failure.html !== '') lines.push('<p id="explanation"><a href="#check">The check\'s own view, below the timeline, explains it.</a></p>');
  else if (explanation.length > 0) lines.push(`<pre id="explanation">${escapeHtml(explanation.join('\n'))}</pre>`);
  if (run.replayLine !== undefined) lines.push(copyable('replay', 'replay in a test', run.replayLine));
  if (options.command !== undefined) lines.push(copyable('command', 'from the shell', options.command));
  const facts = factsOf(run).map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`);
  return `<header>\n${lines.join('\n')}\n<dl id="facts">${facts.join('')}</dl>\n</header>`;
}

/** What else is known, as name and value: where the failure was found, the schedule and its shrinking, the swarm, determinism, the trace's size. */
function factsOf(run: HtmlTimelineRun | FailureReport): (readonly [string, string])[] {
  const facts: (readonly [string, string])[] = [];
  if ('shrunk' in run) {
    facts.push(['found at', `run ${run.runIndex}${run.runIndex === 0 ? ' (the FIFO run)' : ''}`]);
    facts.push(['schedule', run.shrunk.schedule]);
    facts.push(['shrunk', `from ${summary(run.original)} to ${summary(run.shrunk)}, in ${plural(run.shrinkRuns, 'shrinking run')}`]);
  } else if (run.schedule !== undefined) {
    facts.push(['schedule', run.schedule]);
  }
  const swarm = Object.entries(run.swarm ?? {});
  if (swarm.length > 0) facts.push(['swarm', swarm.map(([name, value]) => `${name}=${formatParameter(value)}`).join(', ')]);
  if ('determinism' in run && run.determinism.status === 'deterministic') facts.push(['determinism', 'each failing schedule ran twice with identical traces']);
  if ('determinism' in run && run.determinism.status === 'non-deterministic') facts.push(['determinism', `NON-DETERMINISTIC: ${run.determinism.detail}`]);
  if ('determinism' in run && run.determinism.status === 'state-leak') facts.push(['determinism', `STATE LEAKS BETWEEN RUNS: ${run.determinism.detail}`]);
  facts.push(['trace', traceSize(run.trace)]);
  return facts;
}

function summary(schedule: ScheduleSummary): string {
  return `${plural(schedule.length, 'choice')} (${schedule.nonZero} not FIFO's${worldPart(schedule)})`;
}

/** `17 events, 4 tasks on 2 hosts, virtual time 0 to 10 ms`. */
function traceSize(trace: readonly TraceEvent[]): string {
  const tasks = trace.filter((event) => event.type === 'spawn');
  const hosts = new Set(tasks.map((event) => (event.type === 'spawn' ? (event.host ?? null) : null)).filter((host) => host !== null));
  const last = trace[trace.length - 1];
  const time = last === undefined ? '' : `, virtual time ${trace[0]?.timeMs} to ${last.timeMs} ms`;
  return `${plural(trace.length, 'event')}, ${plural(tasks.length, 'task')}${hosts.size === 0 ? '' : ` on ${plural(hosts.size, 'host')}`}${time}`;
}
