// The linearizability checker's benchmark: the four histories (and
// two variants), each checked in a fresh Node process so its peak memory is
// its own. Figures, not a timed test: run it with
//
//   npm run bench:check                 # every case
//   npm run bench:check -- kv-10k       # one case
//
// and read the table: time of the check alone (the history is made first,
// untimed; the median of three checks in one process, one for the hard cases), the model steps the search took (states explored), and the peak
// resident memory of the process.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkLinearizability, type CheckOptions } from '../src/check/index.js';
import { storeHistory, type HistoryShape } from './check-histories.js';

interface Case {
  readonly id: string;
  readonly description: string;
  readonly shape: HistoryShape;
  /** Budgets other than the defaults. */
  readonly options?: CheckOptions;
}

const BASE = { durationMs: [1, 20], thinkMs: [0, 10], values: 5, infoRate: 0, corrupt: false, seed: 14 } as const;
/** Thirty clients always in flight on one register: operations of 100-200 ms, 0-2 ms apart, five values (Jepsen's cas-register). */
const HARD = { ...BASE, processes: 30, keys: 0, durationMs: [100, 200], thinkMs: [0, 2] } as const;
const LARGE_BUDGET: CheckOptions = { maxStates: 100_000_000, timeMs: 300_000 };

export const CASES: readonly Case[] = [
  { id: 'kv-10k', description: 'kv, 10,000 ops, 10 keys, 20 processes', shape: { ...BASE, operations: 10_000, processes: 20, keys: 10 } },
  { id: 'kv-100k', description: 'kv, 100,000 ops, 100 keys, 50 processes', shape: { ...BASE, operations: 100_000, processes: 50, keys: 100 } },
  { id: 'register-1k', description: 'register, 1,000 ops, 10 processes', shape: { ...BASE, operations: 1_000, processes: 10, keys: 0 } },
  { id: 'hard-30', description: 'register, 600 ops, 30 processes always concurrent', shape: { ...HARD, operations: 600 } },
  { id: 'hard-30-large', description: 'the same, budget 100,000,000 states / 300 s', shape: { ...HARD, operations: 600 }, options: LARGE_BUDGET },
  { id: 'hard-30-200', description: 'register, 200 ops, 30 processes always concurrent', shape: { ...HARD, operations: 200 } },
  { id: 'hard-30-bad', description: 'register, 60 ops, 30 processes always concurrent, last read corrupted', shape: { ...HARD, operations: 60, corrupt: true } },
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

/** Runs one case in this process: the check `runs` times, each after a collection; the median time. */
function measure(item: Case, runs: number): Figures {
  const history = storeHistory(item.shape);
  const model = item.shape.keys === 0 ? 'register' : 'kv';
  const times: number[] = [];
  let result;
  for (let run = 0; run < runs; run++) {
    // Collect what came before, so each check pays only for its own garbage.
    (globalThis as { gc?: () => void }).gc?.();
    const start = performance.now();
    result = checkLinearizability(history, model, item.options);
    times.push(performance.now() - start);
  }
  const ms = times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  return { id: item.id, verdict: result!.verdict, ms: Math.round(ms), states: result!.statesExplored, peakMb: Math.round(peakMb) };
}

function main(args: string[]): void {
  if (args[0] === '--case') {
    const item = CASES.find((candidate) => candidate.id === args[1]);
    if (item === undefined) throw new Error(`no case ${args[1]}`);
    // A check that takes seconds is measured once; the quick ones three times.
    console.log(JSON.stringify(measure(item, item.id.startsWith('hard') ? 1 : 3)));
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
