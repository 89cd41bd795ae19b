// The HTML timeline in a real browser: the pages of the two example bugs and
// of a toy world, opened from file:// in headless Chromium (one launch each),
// read back from their DOM after the script ran, and looked at in a screenshot.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explore, replay, ScheduleFailure, toHtmlTimeline, type FailureReport, type TraceEvent } from '../../../src/index.js';
import * as leakySemaphore from '../../../examples/leaky-semaphore.js';
import * as lostUpdate from '../../../examples/lost-update.js';
import * as staleRead from '../../../examples/stale-read.js';
import { chromiumMissing, drivePage, loadPage, type LoadedPage } from '../../packaging/chromium.js';
import { countColor, decodePng, inkShare, type Image } from './png.js';
import { toyWorld } from './toy-world.js';

const missing = chromiumMissing();
let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'simloop-html-'));
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface Opened {
  readonly page: LoadedPage;
  readonly screenshot: Image;
}

/** Writes the page, opens it from file:// (with `hash`), and returns its DOM, console and screenshot. */
function open(name: string, html: string, hash = ''): Opened {
  const file = join(directory, `${name}.html`);
  writeFileSync(file, html);
  const png = join(directory, `${name}.png`);
  const page = loadPage(pathToFileURL(file).href + hash, { screenshot: png, window: [1280, 900] });
  return { page, screenshot: decodePng(readFileSync(png)) };
}

function attribute(dom: string, name: string): string | undefined {
  return new RegExp(`<html[^>]* data-${name}="([^"]*)"`).exec(dom)?.[1];
}

/** The `data-key` of every row label of a kind, in order. */
function rows(dom: string, kind: string): string[] {
  return [...dom.matchAll(new RegExp(`<div class="lane lane-${kind}" data-kind="${kind}" data-key="([^"]*)"`, 'g'))].map((match) => unescapeHtml(match[1]!));
}

/** The event of every key moment of a kind, in order. */
function moments(dom: string, kind: string): number[] {
  return [...dom.matchAll(new RegExp(`<li class="moment moment-${kind}" data-kind="${kind}" data-event="(\\d+)"`, 'g'))].map((match) => Number(match[1]));
}

function textOf(dom: string, id: string): string | undefined {
  const match = new RegExp(`<[a-z0-9]+ id="${id}"[^>]*>([\\s\\S]*?)</`).exec(dom);
  return match === null ? undefined : unescapeHtml(match[1]!);
}

function unescapeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The plot's part of the screenshot, where the page says its canvas is. */
function plotOf(opened: Opened): Image {
  const [left, top, width, height] = (attribute(opened.page.dom, 'plot-box') ?? '').split(',').map(Number) as [number, number, number, number];
  const { screenshot } = opened;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) rgba.set(screenshot.rgba.subarray(((top + y) * screenshot.width + left) * 4, ((top + y) * screenshot.width + left + width) * 4), y * width * 4);
  return { width, height, rgba };
}

function indexes(trace: readonly TraceEvent[], type: TraceEvent['type']): number[] {
  return trace.flatMap((event, index) => (event.type === type ? [index] : []));
}

function spawned(trace: readonly TraceEvent[]): string[] {
  return trace.flatMap((event) => (event.type === 'spawn' ? [event.task] : []));
}

/** What every page must show of a failure report: rows, the failure, the choices, the replay line, a drawn plot. */
function expectFailurePage(opened: Opened, report: FailureReport): void {
  const { dom, console } = opened.page;
  expect(console).toEqual([]);
  expect(attribute(dom, 'rendered')).toBe('yes');
  expect(rows(dom, 'task')).toEqual(spawned(report.trace));
  expect(moments(dom, 'failure')).toEqual([report.trace.length - 1]);
  expect(textOf(dom, 'verdict')).toMatch(/^FAILED: /);
  expect(moments(dom, 'choice')).toEqual(indexes(report.trace, 'choice'));
  expect(moments(dom, 'choice').length).toBe(report.shrunk.nonZero);
  expect(textOf(dom, 'replay')).toBe(report.replayLine);
  const plot = plotOf(opened);
  expect(plot.width).toBeGreaterThan(600);
  expect(inkShare(plot)).toBeGreaterThan(0.2);
  // The failure line, 3 pixels wide down the whole plot, in its own colour.
  expect(countColor(plot, '#d50000')).toBeGreaterThanOrEqual(3 * plot.height);
  // The choice's diamond on the schedule's row.
  expect(countColor(plot, '#f9a825')).toBeGreaterThan(10);
}

describe.skipIf(missing !== null)('the HTML timeline in headless Chromium', () => {
  it('shows the lost update: a row per task, the ready choice, the failure, the replay line', () => {
    const report = explore(lostUpdate.main, { invariant: lostUpdate.invariant }).failure!;
    const opened = open('lost-update', toHtmlTimeline(report));
    expectFailurePage(opened, report);
    expect(rows(opened.page.dom, 'task')).toEqual(['main', 'deposit', 'payroll']);
    expect(textOf(opened.page.dom, 'replay')).toBe('replay(main, "v1;1", { invariant })');
  });

  it('shows the leaked slot: the injected cancel, the deadlock, the shell command', () => {
    const report = explore(leakySemaphore.main, leakySemaphore.exploreOptions).failure!;
    const command = `simloop replay dist/examples/leaky-semaphore.js --schedule '${report.shrunk.schedule}'`;
    const opened = open('leaky-semaphore', toHtmlTimeline(report, { command }));
    expectFailurePage(opened, report);
    expect(rows(opened.page.dom, 'task')).toEqual(['main', 'request-1', 'request-2', 'request-3']);
    expect(moments(opened.page.dom, 'cancel')).toEqual(indexes(report.trace, 'cancel-requested'));
    expect(textOf(opened.page.dom, 'command')).toBe(command);
    expect(textOf(opened.page.dom, 'verdict')).toMatch(/^FAILED: DeadlockError: deadlock at t=10ms/);
  });

  it('embeds the linearizability checker\'s view of a stale read, and it renders beside the timeline', () => {
    const report = explore(staleRead.main, { check: staleRead.check }).failure!;
    const { page } = open('stale-read', toHtmlTimeline(report));
    expect(page.console).toEqual([]);
    expect(attribute(page.dom, 'rendered')).toBe('yes');
    expect(rows(page.dom, 'task')).toEqual(spawned(report.trace));
    expect(moments(page.dom, 'failure')).toEqual([report.trace.length - 1]);
    expect(textOf(page.dom, 'verdict')).toBe("FAILED: check failed: NotLinearizable: the clients' history is not linearizable (the register)");
    expect(page.dom).toContain('<section class="embed" id="check"><h2>The check: NotLinearizable</h2>');
    expect(page.dom).toMatch(/<section class="simloop-history">[\s\S]*<svg/);
  });

  it('groups a world by host, lists its faults, and opens at the event its address names', () => {
    let failure: ScheduleFailure | null = null;
    try {
      replay(toyWorld, 'v2;net=0x2,1;crash=1');
    } catch (error) {
      failure = error as ScheduleFailure;
    }
    const trace = failure!.trace;
    const drop = trace.findIndex((event) => event.type === 'world' && event.action === 'drop');
    const { page, screenshot } = open('world', toHtmlTimeline(failure!), `#event=${drop}`);
    expect(page.console).toEqual([]);
    const hosted = [...page.dom.matchAll(/data-key="([^"]*)" data-hosted="([^"]*)"/g)].map((match) => `${match[2]}: ${match[1]}`);
    expect(hosted).toEqual(['r1: r1/server', 'r2: r2/server', 'c1: c1/client', 'r2#2: r2#2/server']);
    expect(rows(page.dom, 'host')).toEqual(['r1', 'r2', 'c1', 'r2#2']);
    expect(rows(page.dom, 'network')).toEqual(['network']);
    expect(rows(page.dom, 'task')).toEqual(['main', 'watcher', 'r1/server', 'r2/server', 'c1/client', 'r2#2/server']);
    const faults = trace.flatMap((event, index) => (event.type === 'world' && event.fault ? [index] : []));
    expect(moments(page.dom, 'fault')).toEqual(faults);
    expect(faults.map((index) => (trace[index] as { action: string }).action)).toEqual(['drop', 'partition', 'buggify', 'crash', 'clock-jump']);
    expect(moments(page.dom, 'choice')).toEqual(indexes(trace, 'choice'));
    // The details of the dropped message: its send and its drop, each a link to its place.
    const details = /<section id="details"[^>]*>([\s\S]*?)<\/section>/.exec(page.dom)![1]!;
    expect(unescapeHtml(/<h3>(.*?)<\/h3>/.exec(details)![1]!)).toBe('world: drop #3 r1 -> c1 pong from r1 0 (loss) [fault]');
    expect([...details.matchAll(/<button type="button" data-event="(\d+)">/g)].map((match) => Number(match[1]))).toEqual([drop - 2, drop]);
    expect(inkShare(screenshot)).toBeGreaterThan(0.1);
  });

  it('answers the mouse: hover tells, a click shows the details, ctrl+wheel zooms at the pointer, a drag pans', async () => {
    const report = explore(lostUpdate.main, { invariant: lostUpdate.invariant }).failure!;
    const file = join(directory, 'driven.html');
    writeFileSync(file, toHtmlTimeline(report));
    const page = await drivePage(pathToFileURL(file).href, "document.documentElement.dataset.rendered === 'yes'");
    try {
      const [left, top, width] = (await page.evaluate<string>('document.documentElement.dataset.plotBox')).split(',').map(Number) as [number, number, number];
      // All 14 events at t=0, one slot each, the run fitted with 12 pixels either side.
      let scale = (width - 24) / 14;
      const at = (slot: number) => left + 12 + slot * scale;
      const heading = () => page.evaluate<string>("document.querySelector('#details h3')?.textContent ?? ''");
      await page.mouse('mouseMoved', at(4.5), top + 10);
      expect(await page.evaluate<string>("document.getElementById('tooltip').hidden ? '' : document.getElementById('tooltip').textContent")).toBe(
        'schedule: ready choice 1 of 2t=0 ms (event #4)the schedule departed from FIFO: it ran ready entry 1 of 2 (FIFO runs entry 0)',
      );
      await page.click(at(13.5), top + 10);
      expect([await heading(), await page.evaluate<string>('location.hash')]).toEqual(['run: main raised Error: lost update: the balance is 150, expected 1150', '#event=13']);
      await page.evaluate("document.querySelector('li[data-kind=choice] button').click()");
      expect([await heading(), await page.evaluate<string>('location.hash')]).toEqual(['schedule: ready choice 1 of 2', '#event=4']);
      // Zoomed in around the failure (deltaY -500: e times), the failure stays under the pointer and main's end moves away from it.
      await page.evaluate('window.scrollTo(0, 0)');
      await page.mouse('mouseWheel', at(13.5), top + 10, { deltaX: 0, deltaY: -500, modifiers: 2 });
      const failureAt = at(13.5);
      scale *= Math.E;
      await page.click(failureAt - scale, top + 30);
      expect(await heading()).toBe('main: done, finished');
      await page.mouse('mousePressed', failureAt, top + 50);
      await page.mouse('mouseMoved', failureAt - 20, top + 50);
      await page.mouse('mouseMoved', failureAt - 40, top + 50);
      await page.mouse('mouseReleased', failureAt - 40, top + 50);
      await page.click(failureAt - 40, top + 10);
      expect(await heading()).toBe('run: main raised Error: lost update: the balance is 150, expected 1150');
      expect(page.problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
