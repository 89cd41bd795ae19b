// Writes simloop's API reference to docs/api/ (HTML) from the doc comments of
// every code entry that package.json exports, with typedoc. Run from the
// repository root as `npm run docs`, which first installs this folder's own
// pinned typedoc and TypeScript 5 (typedoc needs TypeScript 5's compiler API;
// the root's TypeScript 7 has none).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

// `./dist/src/node.d.ts` is built from `src/node.ts`; package.json and the schemas are not code.
const entryPoints = Object.values(manifest.exports)
  .map((target) => (typeof target === 'object' && target !== null ? target.types : undefined))
  .filter((types) => typeof types === 'string')
  .map((types) => types.replace(/^\.\/dist\//, '').replace(/\.d\.ts$/, '.ts'));

const typedoc = fileURLToPath(new URL('./node_modules/typedoc/bin/typedoc', import.meta.url));
const args = [
  typedoc,
  '--tsconfig', 'tsconfig.build.json',
  ...entryPoints.flatMap((entry) => ['--entryPoints', entry]),
  '--out', 'docs/api',
  '--name', `${manifest.name} ${manifest.version}`,
  '--readme', 'none',
  '--excludePrivate',
  '--excludeInternal',
];
const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
process.exit(result.status ?? 1);
