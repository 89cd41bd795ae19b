#!/usr/bin/env node
// npm run conformance -- [--runs N] [--seed S] [--path P] [--without op,op]
//
// The long differential run: properties/conformance.test.ts with more
// scenarios, a chosen (or random, printed) seed, and a progress line every
// 5%. It runs under vitest, which compiles the TypeScript, and takes its
// settings from CONFORMANCE_* variables. --path replays one counterexample
// exactly as a failure report prints it. --without leaves ops out of the
// generated scenarios, to look past a known mismatch for the next one.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const USAGE = 'usage: npm run conformance -- [--runs N] [--seed S] [--path P] [--without op,op]';

function parse(argv) {
  const options = { runs: '20000', seed: String(Math.floor(Math.random() * 2 ** 31)), path: '', without: '' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const name = flag?.replace(/^--/, '');
    if (!['runs', 'seed', 'path', 'without'].includes(name ?? '') || value === undefined) fail(`unknown or incomplete option ${flag}`);
    if ((name === 'runs' || name === 'seed') && !/^-?\d+$/.test(value)) fail(`--${name} takes an integer, got ${value}`);
    options[name] = value;
    i++;
  }
  return options;
}

function fail(message) {
  process.stderr.write(`conformance: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const options = parse(process.argv.slice(2));
const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
const extras = `${options.path ? `, path ${options.path}` : ''}${options.without ? `, without ${options.without}` : ''}`;
process.stdout.write(`conformance: ${options.runs} scenarios with seed ${options.seed}${extras}\n`);
const result = spawnSync('npx', ['vitest', 'run', 'properties/conformance.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    CONFORMANCE_RUNS: options.runs,
    CONFORMANCE_SEED: options.seed,
    CONFORMANCE_PATH: options.path,
    CONFORMANCE_WITHOUT: options.without,
    CONFORMANCE_PROGRESS: '1',
  },
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const verdict = result.status === 0 ? 'passed' : 'FAILED';
process.stdout.write(`conformance: ${verdict}: ${options.runs} scenarios, seed ${options.seed}${extras}, ${seconds} s\n`);
process.exit(result.status ?? 1);
