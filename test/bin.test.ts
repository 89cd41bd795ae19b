import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('the simloop executable in a pipe', () => {
  it('stops quietly, exit 0, when its reader closes early (simloop ... | head -1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'simloop-pipe-'));
    const scenario = join(dir, 'chatty.json');
    writeFileSync(scenario, JSON.stringify({ format: 'simloop-scenario/1', main: 'main', defs: { main: [['repeat', 200_000, [['log', 'x'.repeat(40)]]]] } }));
    const result = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" scenario "${scenario}" | head -1`], { encoding: 'utf8' });
    expect([result.status, result.stdout, result.stderr]).toEqual([0, '0 main start\n', '']);
  });
});
