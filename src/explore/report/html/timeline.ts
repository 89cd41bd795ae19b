import type { FailureReport } from '../failure-report.js';
import type { Failure } from '../failure.js';
import type { TraceEvent } from '../trace.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { escapeHtml, scriptJson, scriptText } from './escape.js';
import { renderHeader, verdictOf } from './header.js';
import { PAGE_BODY, renderSections } from './page.js';
import { STYLE } from './style.js';

/**
 * A run for the HTML timeline: its trace and what is known about it. A
 * FailureReport (explore's `result.failure`), a ScheduleFailure (what
 * `replay` throws) and a ReplayResult all fit as they are.
 *
 * @example
 * try { replay(main, 'v1;1'); } catch (error) { if (error instanceof ScheduleFailure) writeFileSync('run.html', toHtmlTimeline(error)); }
 */
export interface HtmlTimelineRun {
  readonly trace: readonly TraceEvent[];
  /** The run's failure; null for a run that passed; absent: read from the trace's end. */
  readonly failure?: Failure | null;
  /** The schedule the run took (`v1;0x3,1`). */
  readonly schedule?: string;
  /** The line that replays the run in a test: `replay(main, "v1;1")`. */
  readonly replayLine?: string;
  /** The run's swarm parameters (a world's fault odds). */
  readonly swarm?: Readonly<Record<string, number>>;
}

/**
 * An extra panel of the page, below the timeline: a title and an HTML
 * fragment inserted as it is (so it must come from trusted code). A failed
 * check's own view (`failure.html`, such as the linearizability checker's
 * per-key view of the history the run recorded) comes first by itself.
 * A fragment should scope its own style (a class on its root) and bring no
 * script of its own that the page's could clash with.
 *
 * @example
 * toHtmlTimeline(report, { sections: [{ title: 'History check', html: '<section class="my-check">...</section>' }] });
 */
export interface HtmlSection {
  readonly title: string;
  readonly html: string;
}

/**
 * What the page says beside the run: its title, the shell command that
 * replays it, and extra panels.
 *
 * @example
 * toHtmlTimeline(report, { title: 'lost update', command: "simloop replay dist/bank.js --schedule 'v1;1'" });
 */
export interface HtmlTimelineOptions {
  /** The page's heading; by default what failed, or `simloop run`. */
  readonly title?: string;
  /** The command that replays the run from the shell. */
  readonly command?: string;
  readonly sections?: readonly HtmlSection[];
}

/**
 * A run as one self-contained HTML page: a timeline on a virtual-time axis
 * (zoom and pan) with a row per task, grouped by host; each task's states
 * (running a step, waiting on what, sleeping, ready, done how); spawn,
 * wakeup and cancel arrows; the world's messages as arrows, its faults,
 * crashes and partitions; the schedule's non-FIFO choices highlighted where
 * they were made; the failure marked; the replay line on top; the details of
 * anything on hover and click. Inline script and style, nothing fetched: it
 * opens from file:// and goes as one attachment into a bug report. The page
 * draws on a canvas, only what is in view, so 10,000 events stay smooth.
 * `#event=N` at the end of its address opens it at event N.
 *
 * @example
 * const result = explore(main, { policy: 'pct' });
 * if (result.failure !== null) writeFileSync('failure.html', toHtmlTimeline(result.failure));
 */
export function toHtmlTimeline(given: HtmlTimelineRun | FailureReport, options: HtmlTimelineOptions = {}): string {
  // A report's timeline is its shrunk run's trace, so its verdict is that run's failure.
  const run = 'shrunkFailure' in given ? { ...given, failure: given.shrunkFailure } : given;
  const verdict = verdictOf(run);
  const title = options.title ?? (verdict.failed === true ? 'simloop: a failing run' : 'simloop: a run');
  const check = checkSection(run.failure);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${title}: ${verdict.text}`.slice(0, 200))}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    renderHeader(run, verdict, title, options),
    PAGE_BODY,
    renderSections([...check, ...(options.sections ?? [])], check.length > 0 ? 'check' : undefined),
    `<script type="application/json" id="simloop-data">${scriptJson({ events: run.trace, failed: verdict.failed === true })}</script>`,
    `<script>${scriptText(CLIENT_SCRIPT)}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

/** A failed check's own view of the run, as the first extra panel. */
function checkSection(failure: Failure | null | undefined): HtmlSection[] {
  return failure?.html === undefined || failure.html === '' ? [] : [{ title: `The check: ${failure.name}`, html: failure.html }];
}
