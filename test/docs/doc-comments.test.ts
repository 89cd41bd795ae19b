// Every public export of every entry package.json names has a doc comment
// with an @example, as the guide asks and as the API reference (npm run docs)
// shows it.
import { beforeAll, describe, expect, it } from 'vitest';
import { codeEntries, publicExports, type PublicExport } from './public-exports.js';

/** What an export lacks: `simloop: Name (src/file.ts:12): no doc comment, no @example`. */
function lacking(exported: PublicExport): string | null {
  const missing = [exported.documentation === '' ? 'no doc comment' : null, exported.examples.every((example) => example === '') ? 'no @example' : null].filter((problem) => problem !== null);
  return missing.length === 0 ? null : `${exported.entry}: ${exported.name} (${exported.declaredAt}): ${missing.join(', ')}`;
}

// One program reads the package's entries and, beside them, a fixture entry that shows the check can fail.
let exports: PublicExport[];
beforeAll(() => {
  exports = publicExports(new Map([...codeEntries(), ['fixture', 'test/docs/fixtures/entry.ts']]));
});

describe('doc comments', () => {
  it('read every code entry of package.json, and nothing else', () => {
    expect([...codeEntries().keys()]).toEqual(expect.arrayContaining(['simloop', 'simloop/node', 'simloop/vitest', 'simloop/fast-check']));
    expect([...codeEntries().values()].every((source) => /^src\/[\w/-]+\.ts$/.test(source))).toBe(true);
  });

  it('are found where an export is declared, and an export without one is named', () => {
    const found = exports.filter((exported) => exported.entry === 'fixture').map(lacking);
    expect(found).toEqual([
      null,
      'fixture: withoutExample (test/docs/fixtures/entry.ts:14): no @example',
      'fixture: Undocumented (test/docs/fixtures/entry.ts:16): no doc comment, no @example',
      null,
    ]);
  });

  it('document every public export of every entry, each with an @example', () => {
    const ours = exports.filter((exported) => exported.entry !== 'fixture');
    expect(ours.length).toBeGreaterThan(140);
    expect(ours.map(lacking).filter((problem) => problem !== null)).toEqual([]);
  });
});
