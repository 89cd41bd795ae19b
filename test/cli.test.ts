import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../src/cli.js';

function simloop(...argv: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const status = cli(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { status, stdout, stderr };
}

function scenarioFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'simloop-')), 'scenario.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('simloop scenario', () => {
  it('prints the trace and exits 0', () => {
    const file = scenarioFile({ format: 'simloop-scenario/1', main: 'main', defs: { main: [['sleep', 3], ['log', 'hi'], ['return', 1]] } });
    expect(simloop('scenario', file)).toEqual({ status: 0, stdout: '0 main start\n3 main log hi\n3 main exit return 1\n3 - run -> return 1\n', stderr: '' });
  });

  it('exits 0 for a run that raises or deadlocks: the last line says which', () => {
    const raising = scenarioFile({ format: 'simloop-scenario/1', main: 'main', defs: { main: [['raise', 'Boom']] } });
    expect(simloop('scenario', raising).stdout).toBe('0 main start\n0 main exit raise Boom\n0 - run -> raise Boom\n');
    const stuck = scenarioFile({ format: 'simloop-scenario/1', main: 'main', defs: { main: [['spawn', 't', 'main2'], ['await', 't']], main2: [['await', 't']] } });
    const result = simloop('scenario', stuck);
    expect(result.status).toBe(0);
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('0 - run -> raise RuntimeError');
  });

  it('rejects an invalid file with one line naming the path, exit 2, no trace', () => {
    const file = scenarioFile({ format: 'simloop-scenario/1', main: 'main', defs: { main: [['sleeep', 1]] } });
    expect(simloop('scenario', file)).toEqual({
      status: 2,
      stdout: '',
      stderr: `simloop: invalid scenario ${file}: defs.main[0]: unknown op "sleeep"\n`,
    });
  });

  it('rejects a file that is not JSON, and a missing file, with exit 2', () => {
    const file = scenarioFile('{ nope');
    const result = simloop('scenario', file);
    expect([result.status, result.stdout, result.stderr.startsWith(`simloop: invalid scenario ${file}: $: invalid JSON: `)]).toEqual([2, '', true]);
    expect(simloop('scenario', '/nonexistent.json').status).toBe(2);
  });

  it('explains its usage on a wrong command line, exit 2', () => {
    const none = simloop();
    expect([none.status, none.stdout]).toEqual([2, '']);
    expect(none.stderr).toMatch(/^simloop \S+: deterministic simulation/);
    expect(simloop('frobnicate')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'simloop: unknown command "frobnicate"; the commands are explore, replay, scenario, check, merge (see simloop --help)\n',
    });
    expect(simloop('scenario')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'simloop: simloop scenario takes one scenario file, got none (usage: simloop scenario FILE.json [--max-steps N])\n',
    });
  });

  it('exits 1 with a message when the run exhausts the step budget, instead of printing a trace', () => {
    const file = scenarioFile({ format: 'simloop-scenario/1', main: 'main', defs: { main: [['repeat', 20_000_000, [['sleep', 0]]]] } });
    const result = simloop('scenario', file);
    expect([result.status, result.stdout]).toEqual([1, '']);
    expect(result.stderr.startsWith(`simloop: ${file}: step budget of 10000000 callbacks exhausted at t=0ms`)).toBe(true);
  });
});

