/**
 * One benchmark cell in a fresh process: `node --expose-gc child.js <impl>
 * <workload> <n> <yields> <runs>`. Runs the workload once to warm up, then
 * `runs` times, verifying every run; prints one JSON line: the samples
 * (ns per operation, or bytes per task for M1), or why a run failed.
 */
import type { Adapter } from './adapter.js';
import { WORKLOADS, type Sizes } from './workloads.js';

export type CellReport =
  | { readonly ok: true; readonly samples: number[] }
  | { readonly ok: false; readonly reason: string };

const gc = (globalThis as { gc?: () => void }).gc;

function collect(): number {
  if (gc === undefined) throw new Error('run node with --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function measure(adapter: Adapter, workloadId: string, sizes: Sizes, runs: number): Promise<CellReport> {
  const workload = WORKLOADS.find((each) => each.id === workloadId);
  if (workload === undefined) return { ok: false, reason: `unknown workload ${workloadId}` };
  const operations = workload.operations(sizes);
  const samples: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const heap: number[] = [];
    collect();
    const startNs = process.hrtime.bigint();
    const result = await workload.call(adapter, sizes, () => heap.push(collect()));
    const elapsedNs = Number(process.hrtime.bigint() - startNs);
    const problem = workload.verify(result, sizes);
    if (problem !== null) return { ok: false, reason: `${run === 0 ? 'warm-up' : `run ${run}`}: ${problem}` };
    if (run === 0) continue;
    if (workload.unit === 'schedules/s') {
      samples.push(operations / (elapsedNs / 1e9));
    } else if (workload.unit === 'bytes/task') {
      if (heap.length !== 2) return { ok: false, reason: `probe called ${heap.length} times, expected 2` };
      samples.push(((heap[1] as number) - (heap[0] as number)) / sizes.n);
    } else {
      samples.push(elapsedNs / operations);
    }
  }
  return { ok: true, samples };
}

async function main(): Promise<void> {
  const [implementation, workloadId, n, yields, runs] = process.argv.slice(2);
  let report: CellReport;
  try {
    const module = (await import(`./adapters/${implementation}.js`)) as { adapter: Adapter };
    report = await measure(module.adapter, String(workloadId), { n: Number(n), yields: Number(yields) }, Number(runs));
  } catch (error) {
    report = { ok: false, reason: `threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
  // Leftover fake timers or suspended tasks must not keep the process alive.
  process.exit(0);
}

void main();
