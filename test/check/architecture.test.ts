// src/check depends on nothing else in simloop and on no Node built-in: it
// judges a real system's history as well as a simulated one, and the root
// entry that exports it bundles for the browser.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as root from '../../src/index.js';

const CHECK = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/check');

describe('src/check', () => {
  it('imports only its own files', () => {
    const outside: string[] = [];
    for (const name of readdirSync(CHECK).filter((file) => file.endsWith('.ts'))) {
      const source = readFileSync(path.join(CHECK, name), 'utf8');
      for (const [, specifier] of source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)) {
        if (!/^\.\/[a-z-]+\.js$/.test(specifier!)) outside.push(`${name}: ${specifier}`);
      }
      const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (/\brequire\(|(?<![.\w])process\.|\bBuffer\b|\bimport\(/.test(code)) outside.push(`${name}: uses a Node global`);
    }
    expect(outside).toEqual([]);
  });

  it('is exported from the root entry', () => {
    expect(typeof root.checkLinearizability).toBe('function');
    expect(typeof root.parseHistory).toBe('function');
    expect(typeof root.HistoryRecorder).toBe('function');
    expect(typeof root.renderHistoryHtml).toBe('function');
  });
});
