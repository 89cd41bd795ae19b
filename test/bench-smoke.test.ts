// The benchmark's smoke test: every implementation runs every workload at
// tiny sizes and every run verifies. It checks correctness only, never timing.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderTable, type Cell } from '../bench/run.js';
import { IMPLEMENTATIONS, WORKLOADS, runsOn } from '../bench/workloads.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface QuickReport {
  readonly cells: readonly Cell[];
}

function runQuickBench(): QuickReport {
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'bench/tsconfig.json'], { cwd: ROOT, stdio: 'pipe' });
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, ['dist-bench/bench/run.js', '--quick', '--json'], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    // A failed cell makes the harness exit 1; its report is still on stdout.
    stdout = String((error as { stdout?: unknown }).stdout ?? '');
  }
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as QuickReport;
}

describe('the benchmark at --quick sizes', () => {
  it('verifies every workload on every implementation', () => {
    const report = runQuickBench();
    const failures = report.cells.filter((cell) => cell.failure !== null).map((cell) => `${cell.workload} ${cell.implementation}: ${cell.failure}`);
    expect(failures).toEqual([]);
    const ran = report.cells.map((cell) => `${cell.workload} ${cell.implementation}`).sort();
    const expected = WORKLOADS.flatMap((workload) =>
      IMPLEMENTATIONS.filter((implementation) => runsOn(workload, implementation)).map((implementation) => `${workload.id} ${implementation}`),
    ).sort();
    expect(ran).toEqual(expected);
    for (const cell of report.cells) expect(cell.samples.length).toBe(5);
  }, 90_000);

  it('prints FAIL for a cell whose verification failed, never a number', () => {
    const failed: Cell = { workload: 'W1', implementation: 'simloop', sizes: { n: 1, yields: 0 }, median: null, samples: [], failure: 'yields counted: expected 1, got 0' };
    const passed: Cell = { workload: 'W1', implementation: 'floor', sizes: { n: 1, yields: 0 }, median: 20, samples: [20], failure: null };
    const table = renderTable([failed, passed], { workloads: [WORKLOADS[0]!], implementations: ['floor', 'simloop'] });
    const row = table.split('\n').find((line) => line.startsWith('| W1 '));
    expect(row).toBe('| W1 | ns/op | 20.0 | FAIL | n/a |');
  });

  it('names where bound stands when simloop misses, and whether bound itself is over the target', () => {
    const cell = (workload: string, implementation: Cell['implementation'], median: number): Cell => ({
      workload,
      implementation,
      sizes: { n: 1, yields: 0 },
      median,
      samples: [median],
      failure: null,
    });
    const cells = [
      cell('W1', 'floor', 20),
      cell('W1', 'bound', 40),
      cell('W1', 'simloop', 56),
      cell('W4', 'floor', 1000),
      cell('W4', 'bound', 1200),
      cell('W4', 'simloop', 1600),
      cell('W5', 'floor', 1000),
      cell('W5', 'bound', 1200),
      cell('W5', 'simloop', 1400),
    ];
    const table = renderTable(cells, { workloads: WORKLOADS.filter((w) => ['W1', 'W4', 'W5'].includes(w.id)), implementations: ['floor', 'bound', 'simloop'] });
    const verdicts = table.split('\n').slice(2).map((line) => line.split(' | ').pop());
    expect(verdicts).toEqual([
      '2.80× floor: misses ≤ 1.5× (bound 2.00×, over the target itself) |',
      '1.60× floor: misses ≤ 1.5× (bound 1.20×) |',
      '1.40× floor: meets ≤ 1.5× |',
    ]);
  });
});
