// Packs simloop as `npm publish` would (`npm pack`, which builds on prepack)
// and installs the tarball into a fresh project, as a user would. simloop has
// no runtime dependency, so the install needs no registry (--offline).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

/** A file of the tarball, as `npm pack --json` lists it. */
export interface PackedFile {
  readonly path: string;
  readonly mode: number;
}

export interface Installed {
  /** The temporary directory holding the tarball and the project; the caller removes it. */
  readonly directory: string;
  /** The fresh project, with simloop in node_modules. */
  readonly project: string;
  /** The installed package: `<project>/node_modules/simloop`. */
  readonly installed: string;
  readonly files: readonly PackedFile[];
  /** What `npm install` printed (warnings included). */
  readonly installLog: string;
}

/** Packs the repository, then installs the tarball into `<tmp>/project`. */
export function packAndInstall(): Installed {
  const directory = mkdtempSync(join(tmpdir(), 'simloop-package-'));
  const packed = npm(['pack', '--json', '--pack-destination', directory], ROOT);
  const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: PackedFile[] }];
  const project = join(directory, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`);
  const install = npm(['install', '--offline', '--no-audit', '--no-fund', join(directory, filename)], project);
  return { directory, project, installed: join(project, 'node_modules', 'simloop'), files, installLog: install.stdout + install.stderr };
}

function npm(args: string[], cwd: string): { stdout: string; stderr: string } {
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', env: cleanEnv() });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return { stdout: result.stdout, stderr: result.stderr };
}

/**
 * The environment without what `npm test` sets for its own script (npm_*),
 * so the inner npm and node run as in a user's shell.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/** Runs a command in `cwd`; returns its status and output, never throws on a non-zero status. */
export function run(command: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: cleanEnv(), timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a binary of the repository's own devDependencies (typescript, esbuild) by path, in `cwd`. */
export function rootBinary(name: string, args: string[], cwd: string): string {
  return execFileSync(join(ROOT, 'node_modules', '.bin', name), args, { cwd, encoding: 'utf8', env: cleanEnv(), stdio: 'pipe' });
}
