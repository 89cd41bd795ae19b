// `simloop check FILE.json`, run in-process: the verdict on the first line,
// the explanation after it, exit 0 / 1 / 2 / 3, one line on stderr naming the
// path of an invalid file, and the HTML view on request.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/check-command.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE = path.join(ROOT, 'examples/histories/stale-read.json');
const directory = mkdtempSync(path.join(tmpdir(), 'simloop-check-'));

function run(args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const status = checkCommand.run(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

function historyFile(name: string, content: unknown): string {
  const file = path.join(directory, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const write = (process: number, type: string, time: number) => ({ process, type, f: 'write', value: 1, time });
const read = (process: number, type: string, value: unknown, time: number) => ({ process, type, f: 'read', value, time });

describe('simloop check', () => {
  it('exits 0 and prints linearizable for a linearizable history', () => {
    const file = historyFile('ok.json', { format: 'simloop-history/1', model: 'register', ops: [write(0, 'invoke', 0), write(0, 'ok', 1)] });
    expect(run([file])).toEqual({ status: 0, stdout: 'linearizable\n', stderr: '' });
  });

  it('exits 1 and explains each failing key for the example history', () => {
    const { status, stdout, stderr } = run([EXAMPLE]);
    expect(status).toBe(1);
    expect(stderr).toBe('');
    expect(stdout.split('\n')).toEqual([
      'not linearizable',
      '(#n: the n-th operation invoked, from 0; pN: its process; [invoke, complete]: its interval)',
      'key "x": not linearizable (4 operations, 5 states explored, 4 orders tried)',
      '  longest linearizable prefix, 3 operations, with the state after each:',
      '    1. #0 p0 write("x", 1) [0, 10] => 1',
      '    2. #2 p2 cas("x", 1, 2) [12, 20] => 2',
      '    3. #4 p3 write("x", 3) [21, info at 40, open] => 3',
      '  cannot follow it: #5 p4 read("x") -> 1 [41, 43], illegal in state 3',
      '  the longest orders tried, each with the state it reaches and the operation whose completion it could not get past:',
      '    #0 #2 #4 => 3, stuck at #5',
      '    #0 #2 => 2, stuck at #5',
      '    #0 => 1, stuck at #2',
      '    (empty) => null, stuck at #0',
      '',
    ]);
  });

  it('exits 2 with one line on stderr naming the file and the path of the first problem', () => {
    const file = historyFile('bad.json', { format: 'simloop-history/1', model: 'kv', ops: [{ process: 0, type: 'begin', f: 'read', key: 'x', value: null, time: 0 }] });
    expect(run([file])).toEqual({
      status: 2,
      stdout: '',
      stderr: `simloop: ${file}: ops[0].type: expected "invoke", "ok", "fail" or "info", got "begin"\n`,
    });
    const notJson = historyFile('broken.json', '{"format": "simloop-history/1",\n');
    const broken = run([notJson]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(new RegExp(`^simloop: ${notJson.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\$: not JSON: [^\\n]*\\n$`));
  });

  it('exits 3 with unknown when the budget runs out', () => {
    const ops = [];
    for (let p = 0; p < 12; p++) ops.push({ process: p, type: 'invoke', f: 'write', value: p, time: 0 });
    for (let p = 0; p < 12; p++) ops.push({ process: p, type: 'ok', f: 'write', value: p, time: 10 });
    ops.push(read(20, 'invoke', null, 11), read(20, 'ok', 'nobody wrote this', 12));
    const file = historyFile('hard.json', { format: 'simloop-history/1', model: 'register', ops });
    expect(run([file, '--max-states', '100'])).toEqual({
      status: 3,
      stdout: 'unknown\nthe explored-state budget (maxStates) ran out after 100 states; undecided: the register\n',
      stderr: '',
    });
    expect(run([file, '--max-states=100000000']).status).toBe(1);
    expect(run([file, '--budget-ms', '1', '--max-states', '100000000']).status).toBeGreaterThanOrEqual(1);
  });

  it('writes the HTML view with --html', () => {
    const out = path.join(directory, 'view.html');
    expect(run([EXAMPLE, '--html', out]).status).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('sh-blocked');
  });

  it('exits 2 on a bad command line or an unreadable file', () => {
    expect(run([]).status).toBe(2);
    expect(run([]).stderr).toBe('simloop: simloop check takes one history file, got none (usage: simloop check FILE.json [--budget-ms N] [--max-states N] [--html OUT.html])\n');
    expect(run([EXAMPLE, EXAMPLE]).status).toBe(2);
    expect(run([EXAMPLE, '--max-states', '0']).stderr).toBe('simloop: --max-states takes a whole number ≥ 1, got "0"\n');
    expect(run([EXAMPLE, '--budget-ms', 'soon']).stderr).toBe('simloop: --budget-ms takes a whole number ≥ 1, got "soon"\n');
    expect(run([EXAMPLE, '--verbose']).status).toBe(2);
    expect(run([EXAMPLE, '--verbose']).stderr).toMatch(/^simloop: Unknown option '--verbose'.*\(see simloop help check\)\n$/);
    const missing = run([path.join(directory, 'missing.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^simloop: cannot read .*missing\.json: ENOENT/);
  });

  it('describes itself for the help the router generates', () => {
    expect(checkCommand.name).toBe('check');
    expect(checkCommand.options.map((option) => option.name)).toEqual(['budget-ms', 'max-states', 'html']);
    expect(checkCommand.exitCodes.map(([status]) => status)).toEqual([0, 1, 2, 3]);
  });
});
