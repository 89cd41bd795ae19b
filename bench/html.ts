// The HTML timeline's size and speed (issue 18): bytes per event of the page,
// against the trace's own JSON and its Chrome trace; the time Node takes to
// write it; and, in headless Chromium, the time from navigation to the first
// frame drawn (the page draws before its load event), with the share spent
// reading the run and building its timeline and drawing the first frame,
// against a blank page's as the floor; then, the page warm, the time of one
// frame with the whole run in view and zoomed in (what panning and zooming cost).
//
//   npm run bench:html                    (about a minute)
//   npm run bench:html -- --runs 5        (launches per page, median kept; default 3)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toChromeTrace, toHtmlTimeline, type TraceEvent } from '../src/index.js';
import { CHROMIUM, chromiumMissing, loadPage } from '../test/packaging/chromium.js';
import { benchTrace } from './html-workload.js';

const CASES = [
  { events: 1_000, shape: 'long' },
  { events: 10_000, shape: 'long' },
  { events: 10_000, shape: 'wide' },
] as const;

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] ?? 3) || 3;
const directory = mkdtempSync(join(tmpdir(), 'simloop-bench-html-'));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const FIGURES = ['first-paint-ms', 'build-ms', 'draw-ms', 'frame-fit-ms', 'frame-zoomed-ms'] as const;
type Figures = Record<(typeof FIGURES)[number], number>;

/** The page's own figures (data-* on <html>), over `runs` launches at `#bench`, medians. */
function timings(file: string): Figures {
  const samples = Array.from({ length: runs }, () => {
    const { dom, console } = loadPage(`${pathToFileURL(file).href}#bench`, { window: [1280, 900] });
    if (console.length > 0) throw new Error(`${file}: the page logged ${console.join(' | ')}`);
    return FIGURES.map((name) => Number(new RegExp(`data-${name}="([\\d.]+)"`).exec(dom)?.[1] ?? NaN));
  });
  return Object.fromEntries(FIGURES.map((name, at) => [name, median(samples.map((sample) => sample[at] as number))])) as Figures;
}

function nodeMs(trace: readonly TraceEvent[]): number {
  const samples = Array.from({ length: 5 }, () => {
    const began = performance.now();
    toHtmlTimeline({ trace, failure: null });
    return performance.now() - began;
  });
  return median(samples);
}

function main(): void {
  const missing = chromiumMissing();
  if (missing !== null) throw new Error(`the benchmark needs headless Chromium: ${missing}`);
  const fixed = toHtmlTimeline({ trace: [], failure: null }).length;
  const blank = join(directory, 'blank.html');
  writeFileSync(blank, '<!doctype html><html><body><script>document.documentElement.dataset.firstPaintMs = performance.now().toFixed(1)</script></body></html>');
  const floor = timings(blank)['first-paint-ms'];
  const rows = [
    '| trace | events | rows | page bytes | bytes/event | trace JSON b/e | Chrome trace b/e | write (Node) ms | first paint ms | of it: build | first frame | first paint / blank page | warm frame, all in view | warm frame, zoomed |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { events, shape } of CASES) {
    const trace = benchTrace(events, shape);
    const html = toHtmlTimeline({ trace, failure: null });
    const file = join(directory, `${shape}-${events}.html`);
    writeFileSync(file, html);
    const perEvent = (bytes: number) => (bytes / trace.length).toFixed(0);
    const lanes = new Set(trace.flatMap((event) => (event.type === 'spawn' ? [event.task] : event.type === 'world' && event.host !== null ? [event.host] : []))).size + 2;
    const page = timings(file);
    rows.push(
      `| ${shape} | ${trace.length} | ${lanes} | ${html.length} | ${perEvent(html.length - fixed)} | ${perEvent(JSON.stringify(trace).length)} | ${perEvent(JSON.stringify(toChromeTrace(trace)).length)} | ` +
        `${nodeMs(trace).toFixed(1)} | ${page['first-paint-ms']} | ${page['build-ms']} | ${page['draw-ms']} | ${(page['first-paint-ms'] / floor).toFixed(1)}× | ` +
        `${page['frame-fit-ms']} | ${page['frame-zoomed-ms']} |`,
    );
  }
  console.log(`HTML timeline, ${runs} launches of ${CHROMIUM} per page (medians); fixed part of every page: ${fixed} bytes; blank page's first paint: ${floor} ms\n`);
  console.log(rows.join('\n'));
}

try {
  main();
} finally {
  rmSync(directory, { recursive: true, force: true });
}
