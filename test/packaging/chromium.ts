// Headless Chromium (Debian's `chromium`), driven from the command line: it
// loads a page, prints the page's console messages on stderr
// (--enable-logging), and exits once the page has loaded (--dump-dom).
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
  const profile = mkdtempSync(join(tmpdir(), 'simloop-chromium-'));
  try {
    const result = spawnSync(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, pathToFileURL(page).href], { encoding: 'utf8', timeout: 60_000 });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`chromium exited ${result.status}:\n${result.stderr}`);
    // e.g. [1234:1234:1206/084508.441666:INFO:CONSOLE:1] "Task is starting", source: file:///.../bundle.js (1)
    return [...result.stderr.matchAll(/:INFO:CONSOLE[^\]]*\] "(.*)", source: /g)].map((match) => match[1]!);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
