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

  it('stops a run past its step budget: the trace so far, then one line naming the limit and the op, exit 1', () => {
    const file = scenarioFile({ format: 'simloop-scenario/1', main: 'main', defs: { main: [['repeat', 20_000_000, [['sleep', 0]]]] } });
    expect(simloop('scenario', file, '--max-steps', '7')).toEqual({
      status: 1,
      stdout: '0 main start\n',
      stderr: `simloop: ${file}: step budget of 7 (loop steps and ops together) spent at t=0 by the op at defs.main[0]; raise it with --max-steps N\n`,
    });
  });

  it('stops a file that never yields, ["repeat", 2^53 - 1, [["log", "x"]]], at the default budget of 1,000,000', () => {
    const file = scenarioFile({ format: 'simloop-scenario/1', main: 'main', defs: { main: [['repeat', 9007199254740991, [['log', 'x']]]] } });
    const result = simloop('scenario', file);
    const lines = result.stdout.split('\n');
    expect([result.status, lines[0], lines[1], lines.length]).toEqual([1, '0 main start', '0 main log x', 500_001]);
    expect(result.stderr).toBe(`simloop: ${file}: step budget of 1000000 (loop steps and ops together) spent at t=0 by the op at defs.main[0]; raise it with --max-steps N\n`);
  });

  it('stops a repeat whose body is empty: each iteration counts', () => {
    const file = scenarioFile({ format: 'simloop-scenario/1', main: 'main', defs: { main: [['log', 'a'], ['repeat', 9007199254740991, [['repeat', 3, []]]]] } });
    expect(simloop('scenario', file, '--max-steps', '1000')).toEqual({
      status: 1,
      stdout: '0 main start\n0 main log a\n',
      stderr: `simloop: ${file}: step budget of 1000 (loop steps and ops together) spent at t=0 by the op at defs.main[1][2][0]; raise it with --max-steps N\n`,
    });
  });

  it('rejects an argument nested 10,000 levels deep as an invalid file naming its op, exit 2', () => {
    const deep = `${'['.repeat(10_000)}"x"${']'.repeat(10_000)}`;
    const file = scenarioFile(`{"format": "simloop-scenario/1", "main": "main", "defs": {"main": [["log", ${deep}]]}}`);
    expect(simloop('scenario', file)).toEqual({
      status: 2,
      stdout: '',
      stderr: `simloop: invalid scenario ${file}: defs.main[0]: log text must be a string without line breaks, got ${'['.repeat(57)}...\n`,
    });
  });
});

