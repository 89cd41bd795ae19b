import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, removeBuild } from './explore/built.js';

// The built executable, as `npx simloop` runs it. A clean clone has no dist/ (the package builds on
// prepack), so the test builds its own copy and marks the executable as `npm run build` does.
let build: string;
let bin: string;

beforeAll(() => {
  build = buildPackage('simloop-bin');
  bin = `${build}/src/bin/simloop.js`;
  chmodSync(bin, 0o755);
});

afterAll(() => removeBuild(build));

describe('the simloop executable', () => {
  it('runs a scenario when executed directly, printing the trace the corpus expects', () => {
    const scenario = new URL('./scenarios/seed-1-self-cancel-next-yield.json', import.meta.url);
    const expected = readFileSync(new URL('./scenarios/seed-1-self-cancel-next-yield.trace', import.meta.url), 'utf8');
    expect(execFileSync(bin, ['scenario', scenario.pathname], { encoding: 'utf8' })).toBe(expected);
  });
});
