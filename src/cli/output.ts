import { writeFileSync } from 'node:fs';
import { toChromeTrace } from '../explore/report/chrome-trace.js';
import type { FailureReport } from '../explore/report/failure-report.js';
import { toHtmlTimeline, type HtmlTimelineOptions, type HtmlTimelineRun } from '../explore/report/html/timeline.js';
import type { TraceEvent } from '../explore/report/trace.js';
import type { CommandIo } from './command.js';

/** Writes `lines` to stdout, each ended by a newline; nothing for no lines. */
export function print(io: CommandIo, lines: readonly string[]): void {
  if (lines.length > 0) io.stdout(`${lines.join('\n')}\n`);
}

/** Writes a run's trace as a Chrome trace to `file` when one is asked for. */
export function writeChromeTrace(io: CommandIo, file: string | undefined, trace: readonly TraceEvent[] | undefined): void {
  if (file === undefined) return;
  if (trace === undefined) {
    io.stderr(`simloop: no failing run, so no trace written to ${file}\n`);
    return;
  }
  writeFileSync(file, `${JSON.stringify(toChromeTrace(trace))}\n`);
  io.stderr(`simloop: Chrome trace written to ${file} (open it at https://ui.perfetto.dev)\n`);
}

/** Writes a run as an HTML timeline to `file` when one is asked for. */
export function writeHtmlTimeline(io: CommandIo, file: string | undefined, run: HtmlTimelineRun | FailureReport | null, options: HtmlTimelineOptions): void {
  if (file === undefined) return;
  if (run === null) {
    io.stderr(`simloop: no failing run, so no timeline written to ${file}\n`);
    return;
  }
  writeFileSync(file, toHtmlTimeline(run, options));
  io.stderr(`simloop: timeline written to ${file} (open it in a browser)\n`);
}
