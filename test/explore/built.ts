// Worker threads and `simloop explore FILE` load JavaScript, so their tests
// build the package (src and examples) once into a private directory inside
// node_modules/.cache, where node_modules still resolves.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Builds into a fresh directory and returns it; the caller removes it with removeBuild. */
export function buildPackage(name: string): string {
  const directory = `${ROOT}node_modules/.cache/${name}-${process.pid}`;
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  try {
    execFileSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', `${ROOT}tsconfig.build.json`, '--outDir', directory], { stdio: 'pipe' });
  } catch {
    // tsc emits even when some file (perhaps another engineer's, mid-edit) has a type error.
  }
  if (!existsSync(`${directory}/src/explore/workers/worker.js`)) throw new Error(`the build in ${directory} has no src/explore/workers/worker.js`);
  writeFileSync(`${directory}/package.json`, '{ "type": "module" }\n');
  return directory;
}

export function removeBuild(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
}

/** Imports a module of the build. */
export async function importBuilt<T>(directory: string, path: string): Promise<T> {
  return (await import(pathToFileURL(`${directory}/${path}`).href)) as T;
}
