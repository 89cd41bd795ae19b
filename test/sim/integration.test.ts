// A world runs wherever a program runs: under explore and replay in another
// process (the same seed, the same trace), on worker threads and in shards,
// from the command line, and in simTest.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exploreOptions, main as buggy } from '../../examples/replicated-counter/buggy.js';
import { main as fixed } from '../../examples/replicated-counter/fixed.js';
import { explore, renderTrace, toHtmlTimeline, type ExploreResult } from '../../src/index.js';
import type { cli as Cli } from '../../src/cli.js';
import type { exploreFile as ExploreFile } from '../../src/explore/workers/workers.js';
import { checkSimulation, SimulationFailure } from '../../src/vitest.js';
import { simloop } from '../cli/run-cli.js';
import { buildPackage, importBuilt, removeBuild } from '../explore/built.js';

let build: string;
let exploreFile: typeof ExploreFile;
let cli: typeof Cli;

// Five messages, each lost with probability 0.02: about one run in ten loses one.
const LOSSY = `import { createWorld, sleep } from '../src/index.js';
export function* main() {
  const world = createWorld({ lossProbability: 0.02, duplicateProbability: 0, latencyMeanMs: 0, partitionProbability: 0, clogProbability: 0,
    crashProbability: 0, pauseProbability: 0, clockJumpProbability: 0 });
  let count = 0;
  world.host('a', function* (host) { for (;;) { yield* host.receive(); count++; } });
  world.host('b', function* (host) { for (let i = 0; i < 5; i++) host.send('a', i); });
  yield* sleep(10);
  if (count !== 5) throw new Error((5 - count) + ' lost');
}
`;

beforeAll(async () => {
  build = buildPackage('simloop-world');
  writeFileSync(`${build}/examples/lossy.js`, LOSSY);
  exploreFile = (await importBuilt<{ exploreFile: typeof ExploreFile }>(build, 'src/node.js')).exploreFile;
  cli = (await importBuilt<{ cli: typeof Cli }>(build, 'src/cli.js')).cli;
});

afterAll(() => removeBuild(build));

/** What a finding is, whoever found it. */
function findings(result: ExploreResult): unknown {
  return { runs: result.runs, failingRuns: result.failingRuns, failure: result.failure };
}

describe('a world under every way of exploring', () => {
  it('the same seed gives the same failing run and trace in another process', () => {
    const options = { ...exploreOptions, shrink: false, selfCheck: false };
    const here = explore(buggy, options).failure!;
    const script = `
      import { explore, renderTrace } from '${build}/src/index.js';
      import { main } from '${build}/examples/replicated-counter/buggy.js';
      const failure = explore(main, ${JSON.stringify(options)}).failure;
      process.stdout.write(JSON.stringify({ run: failure.runIndex, schedule: failure.original.schedule, trace: renderTrace(failure.trace) }));
    `;
    const there = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { run: number; schedule: string; trace: string[] };
    expect(there.run).toBe(here.runIndex);
    expect(there.schedule).toBe(here.original.schedule);
    expect(there.trace).toEqual(renderTrace(here.trace));
    expect(there.trace.length).toBeGreaterThan(400);
  });

  it('workers and shards find what one worker finds', () => {
    const options = { runs: 400, seed: 5 };
    const one = exploreFile(`${build}/examples/lossy.js`, options);
    expect(one.failure?.failure.message).toBe('1 lost');
    expect(one.failure?.shrunk.schedule).toMatch(/^v2;net=(0x\d+,)?1$/);
    expect(findings(exploreFile(`${build}/examples/lossy.js`, { ...options, workers: 2 }))).toEqual(findings(one));
    const shards = [1, 2].map((index) => exploreFile(`${build}/examples/lossy.js`, { ...options, shard: `${index}/2` }));
    const earliest = shards.filter((shard) => shard.failure !== null).sort((a, b) => a.failure!.runIndex - b.failure!.runIndex)[0]!;
    expect(earliest.failure).toEqual(one.failure);
  });

  it('from the command line: explore prints the report and its replay line, which replay reproduces', () => {
    const file = `${build}/examples/lossy.js`;
    const explored = simloop(['explore', file, '--runs', '400', '--seed', '5'], cli);
    expect(explored.stderr).toBe('');
    expect(explored.status).toBe(1);
    const line = /replay\(main, "(v2;[^"]*)"\)/.exec(explored.stdout)?.[1];
    expect(line).toMatch(/^v2;net=/);
    expect(explored.stdout).toMatch(/FAILED at run \d+: main raised Error: 1 lost/);
    const replayed = simloop(['replay', file, '--schedule', line!], cli);
    expect(replayed.status).toBe(1);
    expect(replayed.stdout + replayed.stderr).toContain('1 lost');
    expect(simloop(['replay', file, '--schedule', 'v1;'], cli).status).toBe(0);
  });

  it('in simTest: a failing world fails the test with the report, a passing one passes', () => {
    let failure: unknown;
    try {
      checkSimulation(buggy, exploreOptions);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(SimulationFailure);
    expect((failure as Error).message).toContain('replay(main, "v2;net=0x28,5")');
    expect(() => checkSimulation(fixed, { runs: 30, seed: 3 })).not.toThrow();
  });
});

describe('the HTML timeline of a world', () => {
  it('carries the world’s events: its hosts, messages and faults', () => {
    const failure = explore(buggy, { ...exploreOptions, selfCheck: false }).failure!;
    const html = toHtmlTimeline(failure);
    const has = (text: string): boolean => html.includes(text);
    expect(has('"action":"send","host":"r1"')).toBe(true);
    expect(has('(in 26 ms)","fault":true')).toBe(true);
    expect(has('"action":"deliver","host":"client"')).toBe(true);
    expect(has('v2;net=0x28,5')).toBe(true);
  });
});
