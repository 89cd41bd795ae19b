// The HTML view: one self-contained document, per key each process's
// operations as bars, the linearized ones numbered, the one that cannot
// follow highlighted, the state on hover.
import { describe, expect, it } from 'vitest';
import {
  checkLinearizability,
  renderHistoryHtml,
  renderHistorySection,
  type HistoryOperation,
  type RegisterInput,
  type Scalar,
} from '../../src/check/index.js';

type Op = HistoryOperation<RegisterInput, Scalar>;

const history: Op[] = [
  { process: 0, input: { f: 'write', key: 'x', value: 1 }, status: 'ok', invokeTime: 0, completeTime: 10 },
  { process: 1, input: { f: 'write', key: '<b>&"', value: 'a' }, status: 'ok', invokeTime: 2, completeTime: 11 },
  { process: 2, input: { f: 'cas', key: 'x', value: [1, 2] }, status: 'ok', invokeTime: 12, completeTime: 20 },
  { process: 3, input: { f: 'write', key: 'x', value: 3 }, status: 'info', invokeTime: 21, completeTime: 40 },
  { process: 4, input: { f: 'read', key: 'x' }, status: 'ok', output: 1, invokeTime: 41, completeTime: 43 },
  { process: 5, input: { f: 'write', key: 'x', value: 9 }, status: 'fail', invokeTime: 44, completeTime: 45 },
];

/** The `<g>` element drawn for operation `#index`. */
function bar(html: string, index: number): string {
  const match = new RegExp(`<g class="sh-op sh-([a-z]+)"><title>#${index} [^<]*</title>.*?</g>`).exec(html);
  if (match === null) throw new Error(`no bar for #${index}`);
  return match[0];
}

describe('renderHistoryHtml', () => {
  const result = checkLinearizability(history, 'kv');
  const html = renderHistoryHtml(result);

  it('is one self-contained document: inline style, no script, nothing fetched', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|@import|url\(/i);
  });

  it('has a section per key, the failing one open, with its explanation', () => {
    expect(html).toContain('<details class="sh-part" open><summary>key &quot;x&quot;: <span class="sh-bad">not linearizable</span> (5 operations)</summary>');
    expect(html).toContain('<details class="sh-part"><summary>key &quot;&lt;b&gt;&amp;\\&quot;&quot;: <span class="sh-good">linearizable</span> (1 operations)</summary>');
    expect(html).toContain('cannot follow it: #4 p4 read(&quot;x&quot;) -&gt; 1 [41, 43], illegal in state 3');
  });

  it('numbers the longest prefix, highlights the operation that cannot follow, and shows states on hover', () => {
    expect(bar(html, 0)).toContain('class="sh-op sh-linearized"');
    expect(bar(html, 0)).toContain('linearized 1 of 3; state after it: 1');
    expect(bar(html, 0)).toContain('>1. write(&quot;x&quot;, 1)</text>');
    expect(bar(html, 2)).toContain('linearized 2 of 3; state after it: 2');
    expect(bar(html, 4)).toContain('class="sh-op sh-blocked"');
    expect(bar(html, 4)).toContain('cannot follow the longest linearizable prefix: illegal in state 3');
    expect(bar(html, 5)).toContain('class="sh-op sh-failed"');
  });

  it('draws an operation whose outcome is unknown open to the end', () => {
    expect(bar(html, 3)).toContain('[21, info at 40, open]');
    expect(bar(html, 3)).toContain('class="sh-tail"');
    expect(bar(html, 0)).not.toContain('class="sh-tail"');
  });

  it('escapes what the history says', () => {
    expect(html).not.toContain('<b>');
  });

  it('gives an embeddable fragment with its own style', () => {
    const section = renderHistorySection(result);
    expect(section.startsWith('<section class="simloop-history"><style>')).toBe(true);
    expect(section.endsWith('</section>')).toBe(true);
    expect(html).toContain(section);
  });

  it('draws at most 20,000 bars in all, the failing parts first', () => {
    const many: Op[] = [];
    for (let k = 0; k < 30; k++) {
      for (let i = 0; i < 1000; i++) many.push({ process: 0, input: { f: 'write', key: `k${k}`, value: i }, status: 'ok', invokeTime: 2 * i, completeTime: 2 * i + 1 });
    }
    many.push({ process: 1, input: { f: 'read', key: 'k29' }, status: 'ok', output: 'never', invokeTime: 5000, completeTime: 5001 });
    const page = renderHistoryHtml(checkLinearizability(many, 'kv'));
    expect(page.match(/<g class="sh-op/g)).toHaveLength(20_000);
    expect(page.match(/not drawn: the view draws at most 20000 bars in all/g)).toHaveLength(10);
    expect(bar(page, 30_000)).toContain('sh-blocked');
  });

  it('draws a window of a part too large to draw whole, around where the search got stuck', () => {
    const long: Op[] = [];
    for (let i = 0; i < 3000; i++) long.push({ process: i % 3, input: { f: 'write', value: i }, status: 'ok', invokeTime: 2 * i, completeTime: 2 * i + 1 });
    long.push({ process: 9, input: { f: 'read' }, status: 'ok', output: -1, invokeTime: 7000, completeTime: 7001 });
    const page = renderHistoryHtml(checkLinearizability(long, 'register'));
    expect(page).toContain('showing 1000 of 3001 operations, around where the search got stuck');
    expect(page.match(/<g class="sh-op/g)).toHaveLength(1000);
    expect(bar(page, 3000)).toContain('sh-blocked');
  });
});
