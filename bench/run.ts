/**
 * The benchmark harness: `npm run bench [-- flags]`.
 *
 * Each workload × implementation runs in a fresh child process
 * (`node --expose-gc`), which warms up once and then measures five runs,
 * verifying each; a cell whose verification failed prints FAIL, never a
 * number. The table shows medians per operation with the ratio to `floor`,
 * and simloop's ratio to the fastest plain-JavaScript implementation (floor
 * or native promises), whose target is at most 1.5×. `bound` (the floor plus
 * what simloop's contract imposes) is a column like the others, never a
 * baseline of that target.
 *
 * Flags:
 *   --quick            tiny sizes, correctness only (the smoke test); writes no RESULTS.md
 *   --only W2,W4       run only these workloads
 *   --impl simloop,floor   run only these implementations
 *   --runs N           measured runs per cell (default 5)
 *   --jobs N           cells run at once (default 1, or 2 with --quick; timings need 1)
 *   --json             print the results as one JSON line after the table
 *   --no-write         do not write bench/RESULTS.md
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CellReport } from './child.js';
import { BASELINES, IMPLEMENTATIONS, WORKLOADS, runsOn, sizesFor, type Implementation, type Sizes, type Workload } from './workloads.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The repository root: this file runs from dist-bench/bench/. */
const ROOT = path.resolve(HERE, '..', '..');
const RESULTS_PATH = path.join(ROOT, 'bench', 'RESULTS.md');
const SIMLOOP_TARGET_RATIO = 1.5;
const SIMLOOP_TARGET_BYTES = 450;

interface Options {
  quick: boolean;
  workloads: readonly Workload[];
  implementations: readonly Implementation[];
  runs: number;
  jobs: number;
  json: boolean;
  write: boolean;
}

export interface Cell {
  readonly workload: string;
  readonly implementation: Implementation;
  readonly sizes: Sizes;
  /** The median sample, or null when the cell failed. */
  readonly median: number | null;
  readonly samples: readonly number[];
  /** Why the cell failed (verification, crash or timeout); null when it verified. */
  readonly failure: string | null;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    quick: false,
    workloads: WORKLOADS,
    implementations: IMPLEMENTATIONS,
    runs: 5,
    jobs: 1,
    json: false,
    write: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--quick') options.quick = true;
    else if (flag === '--json') options.json = true;
    else if (flag === '--no-write') options.write = false;
    else if (flag === '--runs') options.runs = positiveInteger(flag, value());
    else if (flag === '--jobs') options.jobs = positiveInteger(flag, value());
    else if (flag === '--only') options.workloads = pick(value(), WORKLOADS.map((each) => each.id), 'workload').map(workloadById);
    else if (flag === '--impl') options.implementations = pick(value(), IMPLEMENTATIONS, 'implementation') as Implementation[];
    else throw new Error(`unknown flag ${flag}; see the comment at the top of bench/run.ts`);
  }
  if (options.quick) {
    options.write = false;
    if (!argv.includes('--jobs')) options.jobs = 2;
  }
  return options;
}

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} wants a positive integer, got ${text}`);
  return value;
}

function pick(list: string, known: readonly string[], what: string): string[] {
  const chosen = list.split(',').map((each) => each.trim()).filter((each) => each !== '');
  for (const each of chosen) if (!known.includes(each)) throw new Error(`unknown ${what} ${each}; known: ${known.join(', ')}`);
  return chosen;
}

function workloadById(id: string): Workload {
  return WORKLOADS.find((each) => each.id === id) as Workload;
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Runs one cell in a fresh `node --expose-gc` process and reads its one-line JSON report. */
function runCell(workload: Workload, implementation: Implementation, options: Options): Promise<Cell> {
  const sizes = sizesFor(workload, implementation, options.quick);
  const timeoutMs = options.quick ? 60_000 : 20 * 60_000;
  const args = [
    '--expose-gc',
    '--max-old-space-size=8192',
    path.join(HERE, 'child.js'),
    implementation,
    workload.id,
    String(sizes.n),
    String(sizes.yields),
    String(options.runs),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const failed = (failure: string): void => resolve({ workload: workload.id, implementation, sizes, median: null, samples: [], failure });
      const line = stdout.trim().split('\n').pop() ?? '';
      let report: CellReport;
      try {
        report = JSON.parse(line) as CellReport;
      } catch {
        const why = signal === 'SIGKILL' ? `timed out after ${timeoutMs / 1000} s` : `exited with ${signal ?? code}`;
        failed(`${why}; stderr: ${stderr.trim().slice(-2000)}`);
        return;
      }
      if (!report.ok) failed(report.reason);
      else resolve({ workload: workload.id, implementation, sizes, median: median(report.samples), samples: report.samples, failure: null });
    });
  });
}

async function runAll(options: Options, onCell: (cell: Cell) => void): Promise<Cell[]> {
  const queue: Array<[Workload, Implementation]> = [];
  for (const workload of options.workloads) {
    for (const implementation of options.implementations) if (runsOn(workload, implementation)) queue.push([workload, implementation]);
  }
  const cells: Cell[] = [];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const cell = await runCell(next[0], next[1], options);
      cells.push(cell);
      onCell(cell);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.jobs, queue.length) }, worker));
  return cells;
}

function formatNumber(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function formatRatio(ratio: number): string {
  return ratio >= 10 ? `${Math.round(ratio)}×` : `${ratio.toFixed(2)}×`;
}

function find(cells: readonly Cell[], workload: string, implementation: Implementation): Cell | undefined {
  return cells.find((each) => each.workload === workload && each.implementation === implementation);
}

/** simloop's median over the best baseline's, and whether that meets the target; null if it cannot be computed. */
function simloopVerdict(cells: readonly Cell[], workload: Workload): string {
  const simloop = find(cells, workload.id, 'simloop')?.median ?? null;
  if (simloop === null) return 'n/a';
  if (workload.unit === 'schedules/s') return 'no target';
  if (workload.unit === 'bytes/task') {
    return `${formatNumber(simloop)} B ${simloop <= SIMLOOP_TARGET_BYTES ? 'meets' : 'misses'} ≤ ${SIMLOOP_TARGET_BYTES} B`;
  }
  const baselines = BASELINES.map((each) => ({ name: each, median: find(cells, workload.id, each)?.median ?? null })).filter(
    (each): each is { name: Implementation; median: number } => each.median !== null,
  );
  if (baselines.length === 0) return 'n/a (no baseline ran)';
  const best = baselines.reduce((a, b) => (b.median < a.median ? b : a));
  const ratio = simloop / best.median;
  const verdict = `${formatRatio(ratio)} ${best.name}: ${ratio <= SIMLOOP_TARGET_RATIO ? 'meets' : 'misses'} ≤ ${SIMLOOP_TARGET_RATIO}×`;
  const bound = find(cells, workload.id, 'bound')?.median ?? null;
  if (ratio <= SIMLOOP_TARGET_RATIO || bound === null) return verdict;
  // A miss: say where the contract's minimum stands against the same baseline.
  const boundRatio = bound / best.median;
  return `${verdict} (bound ${formatRatio(boundRatio)}${boundRatio > SIMLOOP_TARGET_RATIO ? ', over the target itself' : ''})`;
}

export function renderTable(cells: readonly Cell[], options: Pick<Options, 'workloads' | 'implementations'>): string {
  const implementations = options.implementations;
  const header = `| workload | unit | ${implementations.join(' | ')} | simloop vs fastest JS (target) |`;
  const rule = `|---|---|${implementations.map(() => '---:').join('|')}|---|`;
  const rows = options.workloads.map((workload) => {
    const floor = find(cells, workload.id, 'floor')?.median ?? null;
    const values = implementations.map((implementation) => {
      if (!runsOn(workload, implementation)) return 'n/a';
      const cell = find(cells, workload.id, implementation);
      if (cell === undefined) return '–';
      if (cell.median === null) return 'FAIL';
      const ratio = floor !== null && implementation !== 'floor' ? ` (${formatRatio(cell.median / floor)})` : '';
      if (workload.unit === 'schedules/s') return `${formatNumber(cell.median)}/s`;
      return `${formatNumber(cell.median)}${ratio}`;
    });
    return `| ${workload.id} | ${workload.unit} | ${values.join(' | ')} | ${simloopVerdict(cells, workload)} |`;
  });
  return [header, rule, ...rows].join('\n');
}

function describeSizes(cells: readonly Cell[], options: Options): string {
  const lines = options.workloads.map((workload) => {
    const bySize = new Map<string, string[]>();
    for (const implementation of options.implementations) {
      const sizes = find(cells, workload.id, implementation)?.sizes ?? sizesFor(workload, implementation, options.quick);
      if (!runsOn(workload, implementation)) continue;
      const text = workload.id === 'W2' ? `${sizes.n.toLocaleString('en-US')} tasks × ${sizes.yields}` : `N = ${sizes.n.toLocaleString('en-US')}`;
      bySize.set(text, [...(bySize.get(text) ?? []), implementation]);
    }
    const parts = [...bySize].map(([text, names]) => (bySize.size === 1 ? text : `${text} (${names.join(', ')})`));
    return `- ${workload.id}, ${workload.title}: ${parts.join('; ')}`;
  });
  return lines.join('\n');
}

function describeFailures(cells: readonly Cell[]): string {
  const failed = cells.filter((each) => each.failure !== null);
  if (failed.length === 0) return 'Every run of every cell verified.';
  return failed.map((each) => `- ${each.workload} ${each.implementation}: FAIL: ${each.failure}`).join('\n');
}

function describeSamples(cells: readonly Cell[], options: Options): string {
  const lines = ['| workload | implementation | samples (after one warm-up) |', '|---|---|---|'];
  for (const workload of options.workloads) {
    for (const implementation of options.implementations) {
      const cell = find(cells, workload.id, implementation);
      if (cell === undefined || cell.failure !== null) continue;
      lines.push(`| ${workload.id} | ${implementation} | ${cell.samples.map(formatNumber).join(', ')} |`);
    }
  }
  return lines.join('\n');
}

function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${model}, ${cpus.length} logical cores, ${memoryGiB} GiB memory, ${os.platform()} ${os.release()} ${os.arch()}`;
}

/** Which kernel was measured: the commit, and whether src/ had uncommitted changes. */
function sourceRevision(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit} with uncommitted changes under src/` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function packageVersion(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? '?';
  } catch {
    return '?';
  }
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((each) => each.toFixed(2))
    .join(' / ');
}

function renderResults(cells: readonly Cell[], options: Options, table: string, command: string, loadAtStart: string, revision: string): string {
  const versions = ['effection', 'redux-saga', '@sinonjs/fake-timers'].map((name) => `${name} ${packageVersion(name)}`).join(', ');
  return `# Benchmark results

Measured ${new Date().toISOString()} with \`${command}\`.

- Node ${process.version}; ${versions}
- simloop at ${revision} (when the bench was built)
- Machine: ${machine()}
- Load average (1 / 5 / 15 min) at the start: ${loadAtStart}; at the end: ${loadAverage()}. Anything
  well above 0 means other processes shared the cores, and the timings are noisier for it.

Medians of ${options.runs} runs after one warm-up, each cell in a fresh
\`node --expose-gc\` process, every run verified. Time rows are nanoseconds
per operation; the ratio in parentheses is to \`floor\`. M1 is heap bytes per
suspended task; X1 is schedules explored per second (simloop only: the others
have no schedule exploration). The last column compares simloop with the
faster of \`floor\` and native promises: the target is at most
${SIMLOOP_TARGET_RATIO}× that, and at most ${SIMLOOP_TARGET_BYTES} bytes per
suspended task. Ratios are only meaningful within one run on one machine.
\`bound\` is the floor plus exactly what simloop's contract imposes and
nothing else: \`yield*\` of effect objects, asyncio's order (a timer's two
ready-queue trips, waiters woken through the ready queue), a fresh
CancelledError per cancellation, and asyncio's task bookkeeping (the
registry of pending tasks, the current task, names, cancel counts). It is not a baseline of the target: a row
where \`bound\` itself is above ${SIMLOOP_TARGET_RATIO}× the fastest JS is one
no scheduler that honours simloop's contract can meet.

${table}

## Sizes

${describeSizes(cells, options)}

## Verification

${describeFailures(cells)}

## All samples

${describeSamples(cells, options)}

How each implementation yields, spawns, joins, sleeps and cancels is written
at the top of its adapter in \`bench/adapters/\`; \`bench/README.md\` says what
the workloads mean and \`bench/PROFILE.md\` where simloop's time goes.
`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  const started = Date.now();
  const loadAtStart = loadAverage();
  const revision = sourceRevision();
  const cells = await runAll(options, (cell) => {
    const result = cell.failure !== null ? `FAIL: ${cell.failure}` : `${formatNumber(cell.median as number)} ${workloadById(cell.workload).unit}`;
    process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${cell.workload} ${cell.implementation} (N=${cell.sizes.n}): ${result}\n`);
  });
  const table = renderTable(cells, options);
  const caveat = options.quick ? 'Quick mode: tiny sizes, cold code, other cells running at once: these timings mean nothing; only FAIL does.\n\n' : '';
  process.stdout.write(`\n${caveat}${table}\n\n${describeFailures(cells)}\n`);
  if (options.write) {
    writeFileSync(RESULTS_PATH, renderResults(cells, options, table, command, loadAtStart, revision));
    process.stdout.write(`\nwrote ${path.relative(ROOT, RESULTS_PATH)}\n`);
  }
  if (options.json) process.stdout.write(`${JSON.stringify({ cells })}\n`);
  process.exitCode = cells.some((each) => each.failure !== null) ? 1 : 0;
}

// Run only as a program, so that tests can import renderTable.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
