// Headless Chromium (Debian's `chromium`), driven from the command line: it
// loads a page, prints the page's console messages on stderr
// (--enable-logging), and exits once the page has loaded (--dump-dom),
// printing its DOM; it can take a screenshot in the same launch.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';

/** No first-run work, no network beyond the page, nothing kept: a fresh profile each time. */
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-logging=stderr', '--v=0', '--dump-dom',
];

/**
 * Why the browser test cannot run here, or null when it can. Chromium may be
 * missing only on a developer's machine: in CI (CI set) .ci/run installs it,
 * so there its absence fails the test instead of skipping it.
 */
export function chromiumMissing(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const why = `${CHROMIUM} is missing (apt-get install chromium)`;
  if (process.env['CI']) throw new Error(`${why}; .ci/run installs it in CI`);
  return why;
}

/** Loads `page` (an HTML file) in headless Chromium and returns what its scripts logged to the console, in order. */
export function consoleOf(page: string): string[] {
  return loadPage(pathToFileURL(page).href).console;
}

/** What a page left: its DOM after its scripts ran (at the load event), and its console messages in order. */
export interface LoadedPage {
  readonly dom: string;
  readonly console: string[];
}

/**
 * Loads `url` in headless Chromium, in a window of `window` pixels, and
 * returns its DOM and console; with `screenshot`, also writes a PNG of the
 * window to that file, in the same launch.
 */
export function loadPage(url: string, options: { readonly screenshot?: string; readonly window?: readonly [number, number] } = {}): LoadedPage {
  const profile = mkdtempSync(join(tmpdir(), 'simloop-chromium-'));
  const extra = [
    ...(options.window === undefined ? [] : [`--window-size=${options.window[0]},${options.window[1]}`]),
    ...(options.screenshot === undefined ? [] : [`--screenshot=${options.screenshot}`, '--hide-scrollbars']),
  ];
  try {
    const result = spawnSync(CHROMIUM, [...FLAGS, ...extra, `--user-data-dir=${profile}`, url], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`chromium exited ${result.status}:\n${result.stderr}`);
    // e.g. [1234:1234:1206/084508.441666:INFO:CONSOLE:1] "Task is starting", source: file:///.../bundle.js (1)
    const console = [...result.stderr.matchAll(/:INFO:CONSOLE[^\]]*\] "(.*)", source: /g)].map((match) => match[1]!);
    return { dom: result.stdout, console };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
