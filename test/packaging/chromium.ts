// Headless Chromium (Debian's `chromium`), driven from the command line: it
// loads a page, prints the page's console messages on stderr
// (--enable-logging), and exits once the page has loaded (--dump-dom),
// printing its DOM; it can take a screenshot in the same launch.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
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

/** A page in headless Chromium driven over the DevTools protocol: evaluate in it, move, click and wheel the mouse. */
export interface DrivenPage {
  evaluate<T>(expression: string): Promise<T>;
  mouse(type: 'mouseMoved' | 'mousePressed' | 'mouseReleased' | 'mouseWheel', x: number, y: number, extra?: Record<string, unknown>): Promise<void>;
  click(x: number, y: number): Promise<void>;
  /** What the page threw or logged to the console, so far. */
  readonly problems: string[];
  /** Ends the browser and removes its profile. */
  close(): Promise<void>;
}

/**
 * Opens `url` in headless Chromium (a window of 1280 × 900) under the
 * DevTools protocol over a pipe, and resolves once `ready` (an expression)
 * is true in the page.
 */
export async function drivePage(url: string, ready: string): Promise<DrivenPage> {
  const profile = mkdtempSync(join(tmpdir(), 'simloop-chromium-'));
  const chrome = spawn(CHROMIUM, [...FLAGS.filter((flag) => flag !== '--dump-dom'), '--remote-debugging-pipe', '--window-size=1280,900', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    // Its own process group, so closing it ends its helper processes too.
    detached: true,
  });
  const [input, output] = [chrome.stdio[3] as Writable, chrome.stdio[4] as Readable];
  const replies = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  const problems: string[] = [];
  let buffer = '';
  output.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end)) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } };
      buffer = buffer.slice(end + 1);
      if (message.id !== undefined) replies.get(message.id)?.(message);
      else if (message.method === 'Runtime.exceptionThrown' || message.method === 'Runtime.consoleAPICalled') problems.push(JSON.stringify(message.params));
    }
  });
  let nextId = 0;
  let session: string | undefined;
  /** A command to the page's session, or with `browser` to the browser itself. */
  const send = (method: string, params: Record<string, unknown> = {}, browser = false) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++nextId;
      replies.set(id, (message) => (message.error === undefined ? resolve((message.result ?? {}) as Record<string, unknown>) : reject(new Error(`${method}: ${message.error.message}`))));
      input.write(`${JSON.stringify({ id, method, params, ...(session === undefined || browser ? {} : { sessionId: session }) })}\0`);
    });
  const exited = new Promise<void>((resolve) => chrome.once('exit', () => resolve()));
  /** Asks the browser to quit, then ends its process group if it has not within 5 s, then removes its profile. */
  const close = async () => {
    void send('Browser.close', {}, true).catch(() => undefined);
    const quit = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000))]);
    if (!quit && chrome.pid !== undefined) process.kill(-chrome.pid, 'SIGKILL');
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  };
  try {
    const { targetId } = (await send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    session = ((await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string }).sessionId;
    await send('Runtime.enable');
    await send('Page.navigate', { url });
    const evaluate = async <T>(expression: string): Promise<T> => ((await send('Runtime.evaluate', { expression, returnByValue: true })) as { result: { value: T } }).result.value;
    for (let waited = 0; !(await evaluate<boolean>(`Boolean(${ready})`)); waited += 50) {
      if (waited > 30_000) throw new Error(`${url}: not ready after 30 s (${ready})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const mouse = async (type: string, x: number, y: number, extra: Record<string, unknown> = {}) => void (await send('Input.dispatchMouseEvent', { type, x, y, button: 'left', clickCount: 1, ...extra }));
    const click = async (x: number, y: number) => {
      for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) await mouse(type, x, y);
    };
    return { evaluate, mouse, click, problems, close };
  } catch (error) {
    await close();
    throw error;
  }
}
