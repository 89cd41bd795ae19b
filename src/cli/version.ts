import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * simloop's version, read from its own package.json: the nearest one above
 * this file (src/cli in a checkout, dist/src/cli in the installed package).
 *
 * @example
 * simloopVersion(); // '0.1.0'
 */
export function simloopVersion(): string {
  for (let directory = dirname(fileURLToPath(import.meta.url)); ; directory = dirname(directory)) {
    const file = join(directory, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'simloop' && typeof manifest.version === 'string') return manifest.version;
    }
    if (dirname(directory) === directory) return 'unknown';
  }
}
