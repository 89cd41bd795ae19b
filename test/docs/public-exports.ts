// The public API as a user of the package sees it: every export of every
// entry that package.json's `exports` names, read from the TypeScript
// sources with the compiler API of TypeScript 5 (TypeScript 7 has none yet),
// each with its doc comment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript-5';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface PublicExport {
  /** The import path a user writes: `simloop`, `simloop/node`, ... */
  readonly entry: string;
  readonly name: string;
  /** The doc comment's text, empty when there is none. */
  readonly documentation: string;
  /** The `@example` tags' texts. */
  readonly examples: readonly string[];
  /** Where it is declared: `src/run.ts:31`. */
  readonly declaredAt: string;
}

/** The code entries of package.json: import path to TypeScript source, e.g. `simloop/node` to `src/node.ts`. */
export function codeEntries(): Map<string, string> {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; exports: Record<string, unknown> };
  const entries = new Map<string, string>();
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    const types = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)['types'] : undefined;
    if (typeof types !== 'string') continue; // package.json, schemas: not code
    const source = types.replace(/^\.\/dist\//, '').replace(/\.d\.ts$/, '.ts');
    entries.set(subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`, source);
  }
  return entries;
}

/** Every export of every code entry (by default those of package.json), with its documentation. */
export function publicExports(entries: ReadonlyMap<string, string> = codeEntries()): PublicExport[] {
  const program = ts.createProgram([...entries.values()].map((source) => join(ROOT, source)), {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    types: ['node'],
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  return [...entries].flatMap(([entry, source]) => {
    const file = program.getSourceFile(join(ROOT, source));
    const module = file === undefined ? undefined : checker.getSymbolAtLocation(file);
    if (module === undefined) throw new Error(`${entry}: cannot read the module ${source}`);
    return checker.getExportsOfModule(module).map((exported) => {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const documentation = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
      const examples = symbol.getJsDocTags(checker).filter((tag) => tag.name === 'example').map((tag) => ts.displayPartsToString(tag.text).trim());
      return { entry, name: exported.name, documentation, examples, declaredAt: declaredAt(symbol) };
    });
  });
}

function declaredAt(symbol: ts.Symbol): string {
  const declaration = symbol.declarations?.[0];
  if (declaration === undefined) return '(no declaration)';
  const file = declaration.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(declaration.getStart());
  return `${file.fileName.slice(ROOT.length)}:${line + 1}`;
}
