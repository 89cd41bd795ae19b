// The linearizability checker's benchmark: the four histories (and
// two variants), each checked in a fresh Node process so its peak memory is
// its own. Figures, not a timed test: run it with
//
//   npm run bench:check                 # every case
//   npm run bench:check -- kv-10k       # one case
//
// and read the table: time of the check alone (the history is made first,
// untimed; the median of three checks in one process), the model steps the search took (states explored), and the peak
// resident memory of the process.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkLinearizability } from '../src/check/index.js';
import { storeHistory, type HistoryShape } from './check-histories.js';

interface Case {
  readonly id: string;
  readonly description: string;
  readonly shape: HistoryShape;
}

const BASE = { durationMs: [1, 20], thinkMs: [0, 10], values: 5, infoRate: 0, corrupt: false, seed: 14 } as const;

export const CASES: readonly Case[] = [
  { id: 'kv-10k', description: 'kv, 10,000 ops, 10 keys, 20 processes', shape: { ...BASE, operations: 10_000, processes: 20, keys: 10 } },
  { id: 'kv-100k', description: 'kv, 100,000 ops, 100 keys, 50 processes', shape: { ...BASE, operations: 100_000, processes: 50, keys: 100 } },
  { id: 'register-1k', description: 'register, 1,000 ops, 10 processes', shape: { ...BASE, operations: 1_000, processes: 10, keys: 0 } },
  {
    id: 'hard-30',
    description: 'register, 30 processes all concurrent (ops of 100-200 ms, think 0-2 ms), 600 ops',
    shape: { ...BASE, operations: 600, processes: 30, keys: 0, durationMs: [100, 200], thinkMs: [0, 2] },
  },
  {
    id: 'hard-30-bad',
    description: 'the same with its last read corrupted (not linearizable)',
    shape: { ...BASE, operations: 600, processes: 30, keys: 0, durationMs: [100, 200], thinkMs: [0, 2], corrupt: true },
  },
  {
    id: 'kv-10k-info',
    description: 'kv-10k with 2% of ops timing out (info), half of them taking effect',
    shape: { ...BASE, operations: 10_000, processes: 20, keys: 10, infoRate: 0.02 },
  },
];

interface Figures {
  readonly id: string;
  readonly verdict: string;
  readonly ms: number;
  readonly states: number;
  readonly peakMb: number;
}

const RUNS = 3;

/** Runs one case in this process: the check three times, each after a collection; the median time. */
function measure(item: Case): Figures {
  const history = storeHistory(item.shape);
  const model = item.shape.keys === 0 ? 'register' : 'kv';
  const times: number[] = [];
  let result;
  for (let run = 0; run < RUNS; run++) {
    // Collect what came before, so each check pays only for its own garbage.
    (globalThis as { gc?: () => void }).gc?.();
    const start = performance.now();
    result = checkLinearizability(history, model);
    times.push(performance.now() - start);
  }
  const ms = times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  return { id: item.id, verdict: result!.verdict, ms: Math.round(ms), states: result!.statesExplored, peakMb: Math.round(peakMb) };
}

function main(args: string[]): void {
  if (args[0] === '--case') {
    const item = CASES.find((candidate) => candidate.id === args[1]);
    if (item === undefined) throw new Error(`no case ${args[1]}`);
    console.log(JSON.stringify(measure(item)));
    return;
  }
  const chosen = args.length === 0 ? CASES : CASES.filter((item) => args.includes(item.id));
  console.log(`node ${process.version}; defaults: maxStates 10,000,000, timeMs 60,000\n`);
  console.log('| case | history | verdict | check ms | states explored | peak RSS MB |');
  console.log('|---|---|---|---:|---:|---:|');
  for (const item of chosen) {
    const output = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--case', item.id], { encoding: 'utf8' });
    const figures = JSON.parse(output.trim().split('\n').pop()!) as Figures;
    console.log(`| ${item.id} | ${item.description} | ${figures.verdict} | ${figures.ms} | ${figures.states} | ${figures.peakMb} |`);
  }
}

main(process.argv.slice(2));
