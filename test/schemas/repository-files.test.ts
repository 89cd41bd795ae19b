// Every JSON file of the repository's examples and tests that names one of
// simloop's formats is valid against that format's schema: the scenario
// corpus, and the example histories and scenarios.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileSchema, schemaErrors } from './schemas.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCHEMAS = { 'simloop-scenario/1': 'simloop-scenario-1.schema.json', 'simloop-history/1': 'simloop-history-1.schema.json' } as const;

/** The JSON files below `directory`, as paths relative to the repository. */
function jsonFiles(directory: string): string[] {
  return readdirSync(join(ROOT, directory), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.json'))
    .map((path) => relative(ROOT, join(ROOT, directory, path)));
}

/** Each file that names a format, with its parsed content, by format. */
function filesByFormat(): Map<string, Array<[string, unknown]>> {
  const byFormat = new Map<string, Array<[string, unknown]>>(Object.keys(SCHEMAS).map((format) => [format, []]));
  for (const path of [...jsonFiles('examples'), ...jsonFiles('test')]) {
    const content = JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as unknown;
    const format = typeof content === 'object' && content !== null ? (content as Record<string, unknown>)['format'] : undefined;
    byFormat.get(String(format))?.push([path, content]);
  }
  return byFormat;
}

describe('the JSON files of the examples and tests', () => {
  const byFormat = filesByFormat();

  it('include the scenario corpus', () => {
    expect(byFormat.get('simloop-scenario/1')!.length).toBeGreaterThan(50);
  });

  it.each(Object.entries(SCHEMAS))('in format %s are valid against %s', (format, schema) => {
    const validate = compileSchema(schema);
    const invalid = byFormat.get(format)!.map(([path, content]) => [path, schemaErrors(validate, content)]).filter(([, errors]) => errors !== null);
    expect(invalid).toEqual([]);
  });
});
