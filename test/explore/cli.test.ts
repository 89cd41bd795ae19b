import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli as sourceCli, type CliIo } from '../../src/cli.js';
import { buildPackage, importBuilt, removeBuild } from './built.js';

// Modules are explored from the build, so the CLI under test is the built one
// too: the program and the loop running it must be the same copy of simloop.
let build: string;
let builtCli: typeof sourceCli;

beforeAll(async () => {
  build = buildPackage('simloop-explore-cli');
  builtCli = (await importBuilt<{ cli: typeof sourceCli }>(build, 'src/cli.js')).cli;
});

afterAll(() => removeBuild(build));

function simloop(cli: typeof sourceCli, ...argv: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) };
  const status = cli(argv, io);
  return { status, stdout, stderr };
}

describe('simloop explore', () => {
  it('finds the lost update, prints the report, and exits 1', () => {
    const file = `${build}/examples/lost-update.js`;
    const { status, stdout, stderr } = simloop(builtCli, 'explore', file, '--policy', 'pct', '--seed', '1', '--runs', '50', '--no-progress');
    expect(status).toBe(1);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('simloop explore main: policy pct, seed 1, 50 runs, depth 3');
    expect(lines).toContain('  schedule: v1;1');
    expect(lines).toContain('  replay in a test: replay(main, "v1;1", { invariant })');
    expect(lines).toContain(`  replay from the shell: simloop replay ${file} --schedule 'v1;1'`);
    expect(lines.at(-1)).toBe(`  replay from the shell: simloop replay ${file} --schedule 'v1;1'`); // no pct bound: a bug was found
  });

  it('judges each run by the module’s own check (examples/stale-read: a history that is not linearizable)', () => {
    const file = `${build}/examples/stale-read.js`;
    const { status, stdout } = simloop(builtCli, 'explore', file, '--seed', '1', '--no-progress');
    expect(status).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[1]).toBe("FAILED at run 1: check failed: NotLinearizable: the clients' history is not linearizable (the register)");
    expect(lines).toContain('  replay in a test: replay(main, "v1;1", { check })');
    expect(simloop(builtCli, 'replay', file, '--schedule', 'v1;1').stdout.trimEnd().split('\n').at(-1)).toBe(
      "FAILED: check failed: NotLinearizable: the clients' history is not linearizable (the register)",
    );
  });

  it('finds the leaked slot with the module’s own exploreOptions (cancel: *)', () => {
    const { status, stdout } = simloop(builtCli, 'explore', `${build}/examples/leaky-semaphore.js`, '--no-progress');
    expect(status).toBe(1);
    expect(stdout).toContain('  schedule: v1;cancel=*;0x5,1\n');
  });

  it('prints the same with --workers 3 as with one worker, and the same findings per shard', () => {
    const file = `${build}/examples/lost-update.js`;
    const one = simloop(builtCli, 'explore', file, '--runs', '400', '--seed', '9', '--all', '--no-shrink', '--no-progress');
    const three = simloop(builtCli, 'explore', file, '--runs', '400', '--seed', '9', '--all', '--no-shrink', '--no-progress', '--workers', '3');
    expect(three).toEqual(one);
    const failing = (stdout: string): number[] => (/^failing runs: (.*)$/m.exec(stdout)?.[1] ?? '').split(', ').filter((x) => x !== '').map(Number);
    const shards = ['1/2', '2/2'].flatMap((shard) => failing(simloop(builtCli, 'explore', file, '--runs', '400', '--seed', '9', '--all', '--no-shrink', '--no-progress', '--shard', shard).stdout));
    expect(shards.sort((a, b) => a - b)).toEqual(failing(one.stdout));
  });

  it('exits 0 and says so when every run passes, and explores scenario files', () => {
    const { status, stdout } = simloop(sourceCli, 'explore', 'test/scenarios/sleep-zero-interleaving.json', '--policy', 'exhaustive', '--no-progress');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^simloop explore sleep-zero-interleaving: policy exhaustive, preemptions ≤ 2, run limit 10000\nno failure in \d+ runs\ncoverage: complete/);
    const deadlock = simloop(sourceCli, 'explore', 'test/scenarios/deadlock.json', '--no-progress');
    expect(deadlock.status).toBe(1);
    expect(deadlock.stdout).toContain('FAILED at run 0 (the FIFO run): DeadlockError: deadlock at t=5ms');
    expect(deadlock.stdout).toContain('  replay in a test: replaySubject(scenarioSubject(scenario), "v1;")\n');
    expect(deadlock.stdout).toContain("  replay from the shell: simloop replay test/scenarios/deadlock.json --schedule 'v1;'\n");
  });

  it('writes the shrunk run as a Chrome trace', () => {
    const out = `${build}/lost-update-trace.json`;
    const { status, stderr } = simloop(builtCli, 'explore', `${build}/examples/lost-update.js`, '--no-progress', '--chrome-trace', out);
    expect(status).toBe(1);
    expect(stderr).toBe(`simloop: Chrome trace written to ${out} (open it at https://ui.perfetto.dev)\n`);
    expect(existsSync(out)).toBe(true);
    const trace = JSON.parse(readFileSync(out, 'utf8')) as { traceEvents: Array<{ name: string; args?: { name?: string } }> };
    expect(trace.traceEvents.filter((event) => event.name === 'thread_name').map((event) => event.args?.name)).toEqual(['loop', 'main', 'deposit', 'payroll']);
  });

  it('stops after --time milliseconds when no run count is given', () => {
    const { status, stdout } = simloop(sourceCli, 'explore', 'test/scenarios/sleep-zero-interleaving.json', '--time', '50', '--no-progress');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^simloop explore sleep-zero-interleaving: policy random, seed 0, runs until the time is up, time budget 50 ms\nno failure in \d+ runs \(the time budget ran out\)\n$/);
    expect(simloop(sourceCli, 'explore', 'x.js', '--time', 'soon').stderr).toBe('simloop: --time takes a whole number ≥ 1, got "soon"\n');
  });

  it('writes the shrunk run as an HTML timeline, with the lines that replay it', () => {
    const file = `${build}/examples/lost-update.js`;
    const out = `${build}/lost-update.html`;
    const { status, stderr } = simloop(builtCli, 'explore', file, '--no-progress', '--html', out);
    expect([status, stderr]).toEqual([1, `simloop: timeline written to ${out} (open it in a browser)\n`]);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<p id="verdict" class="failed">FAILED: main raised Error: lost update: the balance is 150, expected 1150</p>');
    expect(html).toContain('<code id="replay">replay(main, &quot;v1;1&quot;, { invariant })</code>');
    expect(html).toContain(`<code id="command">simloop replay ${file} --schedule &#39;v1;1&#39;</code>`);
    const passing = simloop(builtCli, 'explore', file, '--no-progress', '--policy', 'fifo', '--html', `${build}/none.html`);
    expect([passing.status, passing.stderr, existsSync(`${build}/none.html`)]).toEqual([0, `simloop: no failing run, so no timeline written to ${build}/none.html\n`, false]);
  });

  it('rejects bad flags with exit status 2 and one line', () => {
    expect(simloop(sourceCli, 'explore', 'x.js', '--frobnicate')).toEqual({ status: 2, stdout: '', stderr: "simloop: Unknown option '--frobnicate' (see simloop help explore)\n" });
    expect(simloop(sourceCli, 'explore', 'x.js', '--policy', 'bfs').stderr).toBe('simloop: --policy is one of fifo, random, pct, exhaustive, got "bfs"\n');
    expect(simloop(sourceCli, 'explore', 'x.js', '--runs', 'many').stderr).toBe('simloop: --runs takes a whole number ≥ 1, got "many"\n');
    expect(simloop(sourceCli, 'explore', 'test/scenarios/deadlock.json', '--shard', '3/2').stderr).toMatch(/^simloop: a shard is i\/n with 1 ≤ i ≤ n, got 3\/2\n/);
    expect(simloop(sourceCli, 'explore', 'missing.js').stderr).toBe('simloop: cannot load missing.js: no such file\n');
  });
});

describe('simloop replay', () => {
  it('replays a schedule, prints its trace, and exits 1 while it fails', () => {
    const file = `${build}/examples/lost-update.js`;
    const { status, stdout } = simloop(builtCli, 'replay', file, '--schedule', 'v1;1');
    expect(status).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('schedule: v1;1');
    expect(lines.slice(5, 7)).toEqual(['t=0 schedule: ready choice 1 of 2', 't=0 payroll: yield sleep(0)']);
    expect(lines.at(-1)).toBe('FAILED: main raised Error: lost update: the balance is 150, expected 1150');
    expect(simloop(builtCli, 'replay', file, '--schedule', 'v1;').status).toBe(0);
  });

  it('writes the run as an HTML timeline, failing or not', () => {
    const file = `${build}/examples/lost-update.js`;
    const out = `${build}/replayed.html`;
    const failing = simloop(builtCli, 'replay', file, '--schedule', 'v1;1', '--max-steps', '500', '--html', out);
    expect([failing.status, failing.stderr]).toEqual([1, `simloop: timeline written to ${out} (open it in a browser)\n`]);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<h1>simloop replay ' + file + '</h1>');
    expect(html).toContain('<code id="replay">replay(main, &quot;v1;1&quot;, { invariant, maxSteps: 500 })</code>');
    expect(html).toContain(`<code id="command">simloop replay ${file} --schedule &#39;v1;1&#39; --max-steps 500</code>`);
    expect(simloop(builtCli, 'replay', file, '--schedule', 'v1;', '--html', out).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<p id="verdict" class="passed">passed: return undefined</p>');
  });

  it('says what is wrong with a malformed schedule', () => {
    const { status, stderr } = simloop(sourceCli, 'replay', 'test/scenarios/deadlock.json', '--schedule', 'v1;x');
    expect(status).toBe(2);
    expect(stderr.split('\n')[0]).toBe('simloop: malformed schedule "v1;x": choice 1 "x" is not N or NxCOUNT (N and COUNT decimal, no leading zeros)');
    expect(simloop(sourceCli, 'replay', 'test/scenarios/deadlock.json').stderr).toMatch(/^simloop: --schedule S is required/);
  });
});

describe('simloop explore --json and simloop merge', () => {
  const file = (): string => `${build}/examples/lost-update.js`;
  const json = (argv: string[]): Record<string, unknown> => {
    const run = simloop(builtCli, ...argv, '--json', '--no-progress');
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout) as Record<string, unknown>;
  };

  it('prints one JSON object with the plan, the failure, its schedule, trace and replay lines', () => {
    const result = json(['explore', file(), '--seed', '0']) as {
      format: string;
      file: string;
      runs: number;
      failingRuns: number[];
      plan: { policy: string; seed: number };
      failure: { runIndex: number; shrunk: { schedule: string }; replayLine: string; trace: Array<{ type: string }> };
      replayCommand: string;
    };
    expect(result.format).toBe('simloop-explore/1');
    expect([result.file, result.runs, result.failingRuns, result.plan.policy, result.plan.seed]).toEqual([file(), 3, [2], 'random', 0]);
    expect(result.failure.shrunk.schedule).toBe('v1;1');
    expect(result.failure.replayLine).toBe('replay(main, "v1;1", { invariant })');
    expect(result.replayCommand).toBe(`simloop replay ${file()} --schedule 'v1;1'`);
    expect(result.failure.trace.at(-1)).toMatchObject({ type: 'end' });
    const budgeted = json(['explore', file(), '--seed', '0', '--max-steps', '5000', '--unretrieved']) as { replayCommand: string };
    expect(budgeted.replayCommand).toBe(`simloop replay ${file()} --schedule 'v1;1' --max-steps 5000 --unretrieved`);
  });

  it('merges the JSON of every shard into exactly what one machine reports', () => {
    const one = simloop(builtCli, 'explore', file(), '--runs', '60', '--seed', '4', '--no-progress');
    const shards = ['1/3', '2/3', '3/3'].map((shard, index) => {
      const out = `${build}/shard-${index + 1}.json`;
      writeFileSync(out, simloop(builtCli, 'explore', file(), '--runs', '60', '--seed', '4', '--no-progress', '--shard', shard, '--json').stdout);
      return out;
    });
    const merged = simloop(builtCli, 'merge', ...shards);
    expect(merged.status).toBe(one.status);
    expect(merged.stdout).toBe(`${one.stdout}merged 3 shards\n`);
  });

  it('merges the shards of an exhaustive search into what one machine reports, the first failure by depth-first index', () => {
    const deadlock = `${build}/examples/zoo/transfer-deadlock.js`;
    const args = ['explore', deadlock, '--policy', 'exhaustive', '--no-progress'];
    const one = simloop(builtCli, ...args);
    expect(one.stdout).toContain('FAILED at run 180: DeadlockError: ');
    const shards = ['1/3', '2/3', '3/3'].map((shard, index) => {
      const out = `${build}/exhaustive-shard-${index + 1}.json`;
      writeFileSync(out, simloop(builtCli, ...args, '--shard', shard, '--json').stdout);
      return out;
    });
    const merged = simloop(builtCli, 'merge', ...shards);
    expect(merged.status).toBe(1);
    expect(merged.stdout).toBe(`${one.stdout}merged 3 shards\n`);
  });

  it('refuses shards that are missing, given twice, or of another exploration, exit 2', () => {
    const shard = (spec: string, seed: string): string => {
      const out = `${build}/shard-${spec.replace('/', 'of')}-${seed}.json`;
      writeFileSync(out, simloop(builtCli, 'explore', file(), '--runs', '20', '--seed', seed, '--no-progress', '--shard', spec, '--json').stdout);
      return out;
    };
    const [a, b, c] = [shard('1/2', '1'), shard('2/2', '1'), shard('2/2', '2')];
    expect(simloop(builtCli, 'merge', a)).toEqual({ status: 2, stdout: '', stderr: 'simloop: shard 2/2 missing: every shard\'s result is needed\n' });
    expect(simloop(builtCli, 'merge', a, a).stderr).toBe('simloop: result 2 (shard 1/2): shard 1/2 is given twice\n');
    expect(simloop(builtCli, 'merge', a, c).stderr).toBe('simloop: result 2 (shard 2/2) has another seed than result 1: not the same exploration\n');
    expect(simloop(builtCli, 'merge', a, b).status).toBe(1);
    writeFileSync(`${build}/not-a-result.json`, '{"format":"simloop-history/1"}');
    expect(simloop(builtCli, 'merge', `${build}/not-a-result.json`).stderr).toBe(
      `simloop: ${build}/not-a-result.json: format is "simloop-history/1", not "simloop-explore/1" (write it with simloop explore --json)\n`,
    );
  });
});

describe('simloop explore refuses what it cannot run, exit 2, not a bug found', () => {
  const moduleFile = (name: string, source: string): string => {
    const path = `${build}/${name}`;
    writeFileSync(path, source);
    return path;
  };

  it('a TypeScript file, saying how to compile or load it', () => {
    const path = moduleFile('program.ts', 'export function* main(): Generator<never, void> {}\n');
    expect(simloop(sourceCli, 'explore', path)).toEqual({
      status: 2,
      stdout: '',
      stderr:
        `simloop: cannot load ${path}: it is TypeScript, which Node ${process.version} cannot run as it is. Compile it first (npx tsc) ` +
        `and give simloop the .js file, or run simloop under a TypeScript loader: npx tsx node_modules/.bin/simloop explore ${path}\n`,
    });
  });

  it('a main that is missing, async, or does not return a generator', () => {
    const missing = moduleFile('no-main.mjs', 'export const helper = 1;\n');
    expect(simloop(sourceCli, 'explore', missing).stderr).toBe(
      `simloop: ${missing} must export main, a generator function (export function* main() {...}); it exports no main\n`,
    );
    const asyncMain = moduleFile('async-main.mjs', 'export async function main() {}\n');
    expect(simloop(sourceCli, 'explore', asyncMain).stderr).toBe(
      `simloop: ${asyncMain}: main is an async function; simloop runs generator functions: export function* main() and yield* instead of await\n`,
    );
    const plain = moduleFile('plain-main.mjs', 'export function main() { return 42; }\n');
    expect(simloop(sourceCli, 'explore', plain, '--no-progress')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'simloop: main() must return a generator (write function* main() { ... }), but it returned number\n',
    });
  });
});
