// simTest and checkSimulation write a failure's HTML timeline and end the
// failure's message with its path: checked in process for checkSimulation,
// and for simTest in a vitest of its own, run on a test file in a fresh folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSimulation, SimulationFailure } from '../../../src/vitest.js';
import * as lostUpdate from '../../../examples/lost-update.js';

const ROOT = resolve(import.meta.dirname, '../../..');
let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'simloop-simtest-'));
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

function failureOf(check: () => void): string[] {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(SimulationFailure);
    return (error as Error).message.split('\n');
  }
  throw new Error('it passed');
}

describe('checkSimulation', () => {
  it('writes the timeline into the folder it is given, named as asked, and ends its message with the path', () => {
    const folder = join(directory, 'made/on/demand');
    const lines = failureOf(() => checkSimulation(lostUpdate.main, { invariant: lostUpdate.invariant, timelineDir: folder, timelineName: 'bank: lost update!' }));
    const file = join(folder, 'bank-lost-update.html');
    expect(lines.at(-1)).toBe(`  timeline: ${file} (open it in a browser)`);
    expect(readFileSync(file, 'utf8')).toContain('<h1>bank: lost update!</h1>');
  });

  it('writes none unless asked, and says so when it cannot, still failing with the report', () => {
    expect(failureOf(() => checkSimulation(lostUpdate.main, { invariant: lostUpdate.invariant })).some((line) => line.includes('timeline'))).toBe(false);
    writeFileSync(join(directory, 'a-file'), '');
    const lines = failureOf(() => checkSimulation(lostUpdate.main, { invariant: lostUpdate.invariant, timelineDir: join(directory, 'a-file', 'below') }));
    expect(lines[0]).toMatch(/^simloop explore main: /);
    expect(lines.at(-1)).toMatch(new RegExp(`^  timeline: not written to ${join(directory, 'a-file', 'below', 'failure.html')}: (EEXIST|ENOTDIR)`));
  });
});

describe('simTest', () => {
  it('writes each failure\'s timeline into .simloop/ in the working directory, and prints its path', () => {
    const project = join(directory, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'bank.test.ts'),
      [
        `import { simTest } from '${ROOT}/src/vitest.js';`,
        `import * as lostUpdate from '${ROOT}/examples/lost-update.js';`,
        "simTest('the lost update, found', lostUpdate.main, { invariant: lostUpdate.invariant });",
        "simTest.replay('the lost update, replayed', lostUpdate.main, 'v1;1');",
        "simTest('the lost update, found quietly', lostUpdate.main, { invariant: lostUpdate.invariant, timelineDir: false });",
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--root', project], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    expect(run.status).toBe(1);
    const found = join(project, '.simloop', 'bank.test-the-lost-update-found.html');
    const replayed = join(project, '.simloop', 'bank.test-the-lost-update-replayed.html');
    expect(run.stdout + run.stderr).toContain(`timeline: ${found} (open it in a browser)`);
    expect(run.stdout + run.stderr).toContain(`timeline: ${replayed} (open it in a browser)`);
    expect(readFileSync(found, 'utf8')).toContain('<code id="replay">replay(main, &quot;v1;1&quot;, { invariant })</code>');
    expect(readFileSync(replayed, 'utf8')).toContain('<p id="verdict" class="failed">FAILED: main raised Error: lost update');
    expect(existsSync(join(project, '.simloop', 'bank.test-the-lost-update-found-quietly.html'))).toBe(false);
  });
});
