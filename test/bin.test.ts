import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The built executable, as `npx simloop` runs it: `npm ci` builds it (prepare), and the build marks it executable.
const BIN = new URL('../dist/src/bin/simloop.js', import.meta.url).pathname;

describe('the simloop executable', () => {
  it('runs a scenario when executed directly, printing the trace the corpus expects', () => {
    const scenario = new URL('./scenarios/seed-1-self-cancel-next-yield.json', import.meta.url);
    const expected = readFileSync(new URL('./scenarios/seed-1-self-cancel-next-yield.trace', import.meta.url), 'utf8');
    expect(execFileSync(BIN, ['scenario', scenario.pathname], { encoding: 'utf8' })).toBe(expected);
  });
});
