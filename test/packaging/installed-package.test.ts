// The package as a user gets it: packed (`npm pack`, which builds on
// prepack), installed from the tarball into a fresh project, then
// type-checked, bundled for the browser and run in headless Chromium, and
// run from its executable. The tarball is checked for what it must hold and
// what it must not.
import { cpSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, consoleOf } from './chromium.js';
import { packAndInstall, ROOT, rootBinary, run, type Installed } from './pack.js';

let pkg: Installed;
let manifest: { version: string; license: string; keywords?: string[]; scripts?: Record<string, string>; exports: Record<string, unknown> };

beforeAll(() => {
  pkg = packAndInstall();
  manifest = JSON.parse(readFileSync(join(pkg.installed, 'package.json'), 'utf8')) as typeof manifest;
  cpSync(new URL('./consumer/', import.meta.url), pkg.project, { recursive: true });
  // The first seed example, importing from the package instead of the repository's sources.
  const seed = readFileSync(join(ROOT, 'examples/seed/1-cancel-at-next-yield.ts'), 'utf8');
  writeFileSync(join(pkg.project, 'seed.ts'), seed.replace("from '../../src/index.js'", "from 'simloop'"));
}, 240_000);

afterAll(() => {
  if (pkg !== undefined) rmSync(pkg.directory, { recursive: true, force: true });
});

const shipped = (): string[] => pkg.files.map((file) => file.path);

describe('the tarball', () => {
  it('holds the built entries, schemas, docs (and the README\'s picture), license, changelog and readme, and nothing else', () => {
    const allowed = /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/src\/.+\.(js|d\.ts|js\.map)|schemas\/[\w-]+\.schema\.json|docs\/[\w-]+\.(md|png))$/;
    expect(shipped().filter((path) => !allowed.test(path))).toEqual([]);
    for (const path of ['LICENSE', 'CHANGELOG.md', 'README.md', 'schemas/simloop-scenario-1.schema.json', 'schemas/simloop-history-1.schema.json', 'docs/scenario-format.md', 'docs/history-format.md']) {
      expect(shipped()).toContain(path);
    }
  });

  it('resolves every export of package.json to a file it ships', () => {
    const targets = exportTargets(manifest.exports);
    expect(targets.length).toBeGreaterThan(8);
    const missing = targets.filter((target) => target.includes('*') ? !shipped().some((path) => wildcard(target).test(path)) : !shipped().includes(target));
    expect(missing).toEqual([]);
    expect(manifest.exports['./package.json']).toBe('./package.json');
  });

  it('runs no script when installed, so npm warns of none', () => {
    const installScripts = ['preinstall', 'install', 'postinstall', 'prepare'].filter((name) => manifest.scripts?.[name] !== undefined);
    expect(installScripts).toEqual([]);
    expect([manifest.scripts?.['prepack'], manifest.scripts?.['postpack']]).toEqual(['npm run build && node scripts/readme-for-npm.mjs pack', 'node scripts/readme-for-npm.mjs restore']);
    expect(pkg.installLog).not.toMatch(/install.?scripts|prepare/i);
  });

  it('names its license with the text beside it, its keywords, and its version in the changelog', () => {
    expect(manifest.license).toBe('MIT');
    const license = readFileSync(join(pkg.installed, 'LICENSE'), 'utf8');
    expect(license.split('\n').slice(0, 3)).toEqual(['MIT License', '', 'Copyright (c) 2026 simloop contributors']);
    expect(manifest.keywords).toEqual(expect.arrayContaining(['asyncio', 'deterministic-simulation', 'event-loop']));
    const changelog = readFileSync(join(pkg.installed, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(new RegExp(`^## ${manifest.version.replaceAll('.', '\\.')}$`, 'm'));
  });

  it('links from its README, as npm shows it, to its own files of this version on unpkg, or to other absolute URLs', () => {
    const readme = readFileSync(join(pkg.installed, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
    const own = `https://unpkg.com/simloop@${manifest.version}/`;
    expect(links.filter((link) => link.startsWith(own)).length).toBeGreaterThan(2);
    const broken = links.filter((link) => (link.startsWith(own) ? !shipped().includes(link.slice(own.length).replace(/#.*$/, '')) : !/^https?:\/\//.test(link) && !link.startsWith('#')));
    expect(broken).toEqual([]);
  });

  it('leaves the repository\'s README as it was, its links relative', () => {
    expect(existsSync(join(ROOT, '.README.before-pack.md'))).toBe(false);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toMatch(/\]\(docs\//);
  });

  it('holds no path of the machine that built it', () => {
    const machinePaths = [ROOT, dirname(ROOT), homedir()].filter((path) => path.length > 1);
    const found = shipped().flatMap((path) => {
      const text = readFileSync(join(pkg.installed, path), 'utf8');
      const hits = machinePaths.filter((machinePath) => text.includes(`${machinePath}/`));
      return [...hits, ...(text.match(/(?<![\w.])\/(work|home|Users)\/[\w.-]+/g) ?? [])].map((hit) => `${path}: ${hit}`);
    });
    expect(found).toEqual([]);
  });
});

describe('the installed package', () => {
  it('exports its package.json and its schemas', () => {
    const program = [
      "import manifest from 'simloop/package.json' with { type: 'json' };",
      "import { createRequire } from 'node:module';",
      'const require = createRequire(import.meta.url);',
      "const schema = require('simloop/schemas/simloop-history-1.schema.json');",
      'console.log(manifest.version, schema.title);',
    ].join('\n');
    const result = run(process.execPath, ['--input-type=module', '-e', program], pkg.project);
    expect([result.stdout, result.status]).toEqual([`${manifest.version} simloop history (format simloop-history/1)\n`, 0]);
  });

  it.each([
    ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ])('type-checks a strict program under %s with no @types/node', (name, resolution) => {
    expect(existsSync(join(pkg.project, 'node_modules', '@types'))).toBe(false);
    const config = {
      compilerOptions: { ...resolution, target: 'es2022', lib: ['es2022'], types: [], strict: true, noEmit: true, skipLibCheck: false },
      files: ['globals.d.ts', 'seed.ts', 'main.ts', 'api.ts'],
    };
    writeFileSync(join(pkg.project, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
    const result = run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', `tsconfig.${name}.json`], pkg.project);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('bundles the seed for the browser from the root import, and headless Chromium prints its three lines', (context) => {
    // esbuild fails the bundle when the root entry reaches a Node built-in that a browser does not have.
    rootBinary('esbuild', ['main.ts', '--bundle', '--platform=browser', '--format=iife', '--log-level=warning', '--outfile=bundle.js'], pkg.project);
    const missing = chromiumMissing();
    if (missing !== null) {
      console.warn(`skipped the browser run: ${missing}`);
      context.skip();
    }
    expect(consoleOf(join(pkg.project, 'index.html'))).toEqual(['Task is starting', 'Main saw the task cancel', 'Main is done']);
  });

  it('runs its executable: --help, --version and a scenario', () => {
    const bin = join(pkg.project, 'node_modules', '.bin', 'simloop');
    const help = run(bin, ['--help'], pkg.project);
    expect(help.status).toBe(0);
    for (const command of ['explore', 'replay', 'scenario']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(run(bin, ['--version'], pkg.project)).toEqual({ status: 0, stdout: `${manifest.version}\n`, stderr: '' });
    const scenario = join(ROOT, 'test/scenarios/seed-1-self-cancel-next-yield.json');
    const trace = readFileSync(join(ROOT, 'test/scenarios/seed-1-self-cancel-next-yield.trace'), 'utf8');
    expect(run(bin, ['scenario', scenario], pkg.project)).toEqual({ status: 0, stdout: trace, stderr: '' });
  });
});

describe('stack traces from the installed package', () => {
  it('carry in every source map the TypeScript it maps, as in the repository', () => {
    const maps = shipped().filter((path) => path.endsWith('.js.map'));
    expect(maps.length).toBe(shipped().filter((path) => path.endsWith('.js')).length);
    const wrong = maps.filter((path) => {
      const map = JSON.parse(readFileSync(join(pkg.installed, path), 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      return map.sources.some((source, i) => map.sourcesContent?.[i] !== readFileSync(join(ROOT, dirname(path), source).replace(`${ROOT}/dist/`, `${ROOT}/`), 'utf8'));
    });
    expect(wrong).toEqual([]);
  });

  it('land on the line of the TypeScript source that threw', () => {
    const program = "import { currentTask } from 'simloop'; currentTask();";
    const { line, source } = firstFrame(run(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', program], pkg.project).stderr);
    expect(source).toBe('src/task.ts');
    expect(sourceLine(source, line)).toMatch(/throw new RuntimeError\('currentTask\(\) called outside a running task'\)/);
  });

  it('land on the line of src/vitest.ts that reports a failed simulation', () => {
    // simloop/vitest imports vitest, an optional peer dependency: the repository's own copy stands in.
    symlinkSync(join(ROOT, 'node_modules', 'vitest'), join(pkg.project, 'node_modules', 'vitest'), 'dir');
    const program = [
      "import { checkSimulation } from 'simloop/vitest';",
      "checkSimulation(function* main() { throw new Error('boom'); }, { runs: 1 });",
    ].join('\n');
    const { line, source } = firstFrame(run(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', program], pkg.project).stderr);
    expect(source).toBe('src/vitest.ts');
    expect(sourceLine(source, line)).toMatch(/throw new SimulationFailure\(/);
  });
});

/** The file and line of the first stack frame inside the installed package. */
function firstFrame(stderr: string): { source: string; line: number } {
  const match = /node_modules\/simloop\/([\w/.-]+\.ts):(\d+):\d+/.exec(stderr);
  if (match === null) throw new Error(`no frame in a TypeScript file of the package:\n${stderr}`);
  return { source: match[1]!, line: Number(match[2]) };
}

/** Line `line` (1-based) of `source` as the package's source map holds it. */
function sourceLine(source: string, line: number): string {
  const mapFile = join(pkg.installed, 'dist', source.replace(/\.ts$/, '.js.map'));
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sourcesContent: string[] };
  return map.sourcesContent[0]!.split('\n')[line - 1]!;
}

/** Every file path an exports map points to, without the leading `./`. */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports.replace(/^\.\//, '')];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}

/** A pattern target such as `schemas/*.json` as a regular expression over paths. */
function wildcard(target: string): RegExp {
  return new RegExp(`^${target.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
}

