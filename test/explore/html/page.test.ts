// The HTML page as text: self-contained, its data escaped and read back
// whole, its header saying what the run was, extra panels where asked.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explore, replay, toHtmlTimeline, type TraceEvent } from '../../../src/index.js';
import { CLIENT_SCRIPT } from '../../../src/explore/report/html/client-script.js';
import * as lostUpdate from '../../../examples/lost-update.js';
import * as staleRead from '../../../examples/stale-read.js';
import { escapeHtml } from '../../../src/explore/report/html/escape.js';
import { clientModuleText, CLIENT_MODULE } from '../../../scripts/html-client.mjs';

/** The run data the page carries, parsed back as its script reads it. */
function dataOf(html: string): { events: TraceEvent[]; failed: boolean } {
  const json = /<script type="application\/json" id="simloop-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
  return JSON.parse(json) as { events: TraceEvent[]; failed: boolean };
}

function textOf(html: string, id: string): string | undefined {
  return new RegExp(`<[a-z0-9]+ id="${id}"[^>]*>([\\s\\S]*?)</`).exec(html)?.[1];
}

describe('toHtmlTimeline', () => {
  const report = explore(lostUpdate.main, { invariant: lostUpdate.invariant }).failure!;

  it('writes one page that needs nothing from outside: no src, no link, no fetch, no address but its own', () => {
    const html = toHtmlTimeline(report);
    expect(html.startsWith('<!doctype html>\n')).toBe(true);
    expect(html).not.toMatch(/<(link|iframe|img|object|embed)\b|\bsrc=|@import|url\(|https?:\/\//i);
    expect(html).not.toMatch(/\bfetch\(|XMLHttpRequest|import\(|WebSocket/);
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html).toContain(CLIENT_SCRIPT.slice(0, 200));
  });

  it('carries the trace whole, and the header says the failure, the replay line, the schedule and its shrinking', () => {
    const html = toHtmlTimeline(report, { title: 'The lost update', command: "simloop replay dist/examples/lost-update.js --schedule 'v1;1'" });
    expect(dataOf(html)).toEqual({ events: report.trace, failed: true });
    expect(textOf(html, 'verdict')).toBe('FAILED: main raised Error: lost update: the balance is 150, expected 1150');
    expect(textOf(html, 'replay')).toBe('replay(main, &quot;v1;1&quot;, { invariant })');
    expect(textOf(html, 'command')).toBe('simloop replay dist/examples/lost-update.js --schedule &#39;v1;1&#39;');
    expect(html).toContain('<h1>The lost update</h1>');
    expect(html).toContain(
      `<dt>found at</dt><dd>run ${report.runIndex}</dd><dt>schedule</dt><dd>v1;1</dd>` +
        `<dt>shrunk</dt><dd>from 2 choices (1 not FIFO&#39;s) to 1 choice (1 not FIFO&#39;s), in ${report.shrinkRuns} shrinking runs</dd>` +
        '<dt>determinism</dt><dd>each failing schedule ran twice with identical traces</dd>' +
        '<dt>trace</dt><dd>14 events, 3 tasks, virtual time 0 to 0 ms</dd>',
    );
  });

  it('draws a replayed run that passed, without a replay line it was not given', () => {
    const passed = replay(lostUpdate.main, 'v1;');
    const html = toHtmlTimeline(passed);
    expect(textOf(html, 'verdict')).toBe('passed: return undefined');
    expect(textOf(html, 'replay')).toBeUndefined();
    expect(html).toContain('<dt>schedule</dt><dd>v1;</dd>');
    expect(dataOf(html).failed).toBe(false);
  });

  it('keeps a trace that holds markup inert: no </script> ends the data early, and it reads back as it was', () => {
    const hostile: TraceEvent[] = [
      { type: 'spawn', timeMs: 0, task: '</script><script>alert(1)</script>', parent: null },
      { type: 'step', timeMs: 0, task: '</script><script>alert(1)</script>', outcome: 'raised', detail: 'Error: <!-- <b>bold</b> \u2028' },
      { type: 'end', timeMs: 0, outcome: 'main raised Error: <img src=x>' },
    ];
    const html = toHtmlTimeline({ trace: hostile });
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<img src=x>');
    expect(dataOf(html).events).toEqual(hostile);
    expect(textOf(html, 'verdict')).toBe('FAILED: main raised Error: &lt;img src=x&gt;');
  });

  it('adds the extra panels it is given, in order, below the timeline', () => {
    const html = toHtmlTimeline(report, {
      sections: [
        { title: 'History check <kv>', html: '<section class="simloop-history"><p>not linearizable</p></section>' },
        { title: 'Notes', html: '<p>second</p>' },
      ],
    });
    expect(html).toContain('<section class="embed"><h2>History check &lt;kv&gt;</h2>\n<section class="simloop-history"><p>not linearizable</p></section>\n</section>');
    expect(html.indexOf('History check')).toBeGreaterThan(html.indexOf('id="timeline"'));
    expect(html.indexOf('<h2>Notes</h2>')).toBeGreaterThan(html.indexOf('History check'));
  });

  it('shows a failed check\'s explanation on top and embeds its own view first among the panels', () => {
    const failure = explore(staleRead.main, { check: staleRead.check }).failure!;
    expect([failure.failure.kind, failure.failure.name]).toEqual(['check', 'NotLinearizable']);
    const html = toHtmlTimeline(failure, { sections: [{ title: 'Notes', html: '<p>mine</p>' }] });
    expect(html).toContain(`<p id="explanation"><a href="#check">The check's own view, below the timeline, explains it.</a></p>`);
    // The timeline shows the shrunk run, so the check's view is that run's.
    expect(html).toContain(`<section class="embed" id="check"><h2>The check: NotLinearizable</h2>\n${failure.shrunkFailure.html}\n</section>`);
    // A check without a view of its own: its explanation on top.
    const plain = toHtmlTimeline({ ...failure, shrunkFailure: { ...failure.shrunkFailure, html: undefined } });
    expect(textOf(plain, 'explanation')).toBe(escapeHtml(failure.shrunkFailure.explanation!.join('\n')));
    expect(plain).not.toContain('The check: NotLinearizable');
    expect(failure.shrunkFailure.html).toMatch(/^<section class="simloop-history">/);
    expect(html.indexOf('<h2>Notes</h2>')).toBeGreaterThan(html.indexOf('The check: NotLinearizable'));
  });

  it('says when a trace has no end, and takes it for no failure', () => {
    const html = toHtmlTimeline({ trace: [{ type: 'spawn', timeMs: 0, task: 'main', parent: null }] });
    expect(textOf(html, 'verdict')).toBe('the trace has no end');
    expect(dataOf(html).failed).toBe(false);
  });
});

describe('the page script', () => {
  it('is the bundle of the client as it is now (run `npm run html-client` after changing it)', () => {
    expect(readFileSync(CLIENT_MODULE, 'utf8')).toBe(clientModuleText());
  });

  it('parses as a script', () => {
    expect(() => new Function(CLIENT_SCRIPT)).not.toThrow();
  });
});
