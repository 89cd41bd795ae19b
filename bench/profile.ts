/**
 * Where an implementation's time and bytes go on one workload:
 * `node --expose-gc dist-bench/bench/profile.js <impl> <workload> [n] [yields]`.
 *
 * Warms up once, then runs the workload once under the inspector's CPU
 * profiler (100 µs sampling) and once under its sampling heap profiler, told
 * to keep the samples of objects that were already collected, so short-lived
 * per-step garbage counts. Prints the functions with the most self time and
 * the allocation sites with the most bytes per operation; with `--save DIR`
 * it also writes the .cpuprofile and .heapprofile for DevTools.
 *
 * For M1 it instead takes a heap snapshot at each of the two probes and
 * prints what the suspended tasks retain, per kind of object, in bytes per task.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import type { Adapter } from './adapter.js';
import { WORKLOADS, sizesFor, type Implementation } from './workloads.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface CpuNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: CpuNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

function where(frame: CallFrame): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  if (frame.url === '') return name;
  const file = frame.url.startsWith('file://') ? path.relative(ROOT, new URL(frame.url).pathname) : frame.url;
  return `${name} ${file}:${frame.lineNumber + 1}`;
}

function top(totals: Map<string, number>, count: number): Array<[string, number]> {
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, count);
}

/** Self time per function, and time including callees (each function counted once per stack). */
function summarizeCpu(profile: CpuProfile): { self: Map<string, number>; total: Map<string, number>; sampledMs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const samples = profile.samples ?? [];
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, samples.length);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const id of samples) {
    const leaf = byId.get(id) as CpuNode;
    const leafName = where(leaf.callFrame);
    self.set(leafName, (self.get(leafName) ?? 0) + msPerSample);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = where((byId.get(at) as CpuNode).callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + msPerSample);
    }
  }
  return { self, total, sampledMs: samples.length * msPerSample };
}

function summarizeHeap(head: HeapNode): Map<string, number> {
  const bytes = new Map<string, number>();
  const visit = (node: HeapNode): void => {
    if (node.selfSize > 0) {
      const name = where(node.callFrame);
      bytes.set(name, (bytes.get(name) ?? 0) + node.selfSize);
    }
    for (const child of node.children) visit(child);
  };
  visit(head);
  return bytes;
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Self bytes per kind of object in a heap snapshot: `object Task`, `closure wakeup`, `string`, ... */
function bytesByKind(file: string): Map<string, number> {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const totals = new Map<string, number>();
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt] as number] as string;
    const name = snapshot.strings[snapshot.nodes[i + nameAt] as number] as string;
    const kind = type === 'string' || type === 'concatenated string' || type === 'sliced string' || type === 'number' ? type : `${type} ${name.slice(0, 60)}`;
    totals.set(kind, (totals.get(kind) ?? 0) + (snapshot.nodes[i + sizeAt] as number));
  }
  return totals;
}

/** What `n` suspended tasks retain, from heap snapshots taken at M1's two probes. */
async function retainedPerTask(adapter: Adapter, n: number): Promise<string[]> {
  const files: string[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run node with --expose-gc');
  const started = await adapter.m1Suspend(n, () => {
    gc();
    files.push(v8.writeHeapSnapshot(path.join(os.tmpdir(), `m1-${process.pid}-${files.length}.heapsnapshot`)));
  });
  if (started !== n || files.length !== 2) throw new Error(`FAIL: ${started} of ${n} tasks suspended`);
  const before = bytesByKind(files[0] as string);
  const after = bytesByKind(files[1] as string);
  for (const file of files) rmSync(file);
  const delta = new Map<string, number>();
  let total = 0;
  for (const [kind, bytes] of after) {
    const grown = bytes - (before.get(kind) ?? 0);
    delta.set(kind, grown);
    total += grown;
  }
  for (const [kind, bytes] of before) if (!after.has(kind)) total -= bytes;
  return [
    `${adapter.name} M1 n=${n}: ${(total / n).toFixed(0)} bytes retained per suspended task (heap snapshots), by kind:`,
    ...top(delta, 20)
      .filter(([, bytes]) => bytes / n >= 0.5)
      .map(([kind, bytes]) => `  ${(bytes / n).toFixed(1).padStart(8)} B/task  ${kind}`),
  ];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const saveAt = args.indexOf('--save');
  const saveDirectory = saveAt >= 0 ? args.splice(saveAt, 2)[1] : undefined;
  const [implementation, workloadId, nText, yieldsText] = args;
  const workload = WORKLOADS.find((each) => each.id === workloadId);
  if (implementation === undefined || workload === undefined) {
    throw new Error('usage: profile.js <floor|promise|effection|redux-saga|simloop> <W1|W2|W3s|W3b|W4|W5|M1> [n] [yields] [--save DIR]');
  }
  const defaults = sizesFor(workload, implementation as Implementation, false);
  const sizes = { n: nText !== undefined ? Number(nText) : defaults.n, yields: yieldsText !== undefined ? Number(yieldsText) : defaults.yields };
  const { adapter } = (await import(`./adapters/${implementation}.js`)) as { adapter: Adapter };
  if (workload.id === 'M1') {
    process.stdout.write(`${(await retainedPerTask(adapter, sizes.n)).join('\n')}\n`);
    process.exit(0);
  }
  const operations = workload.operations(sizes);
  const once = async (): Promise<void> => {
    const problem = workload.verify(await workload.call(adapter, sizes, () => {}), sizes);
    if (problem !== null) throw new Error(`FAIL: ${problem}`);
  };
  await once(); // warm-up

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const startNs = process.hrtime.bigint();
  await once();
  const elapsedNs = Number(process.hrtime.bigint() - startNs);
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };

  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 128,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  } as never);
  await once();
  const { profile: heapProfile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: HeapNode } };
  session.disconnect();

  const cpu = summarizeCpu(profile);
  const heap = summarizeHeap(heapProfile.head);
  let heapTotal = 0;
  for (const value of heap.values()) heapTotal += value;
  const perOp = (ms: number): string => `${((ms * 1e6) / operations).toFixed(1)} ns/op`;
  const lines = [
    `${implementation} ${workload.id} n=${sizes.n}${workload.id === 'W2' ? ` yields=${sizes.yields}` : ''}: ${operations} operations, ` +
      `${(elapsedNs / operations).toFixed(1)} ns/op under the CPU profiler; ${(heapTotal / operations).toFixed(0)} bytes allocated per op (sampled)`,
    '',
    'self time:',
    ...top(cpu.self, 15).map(([name, ms]) => `  ${perOp(ms).padStart(14)}  ${((100 * ms) / cpu.sampledMs).toFixed(1).padStart(5)}%  ${name}`),
    '',
    'time including callees:',
    ...top(cpu.total, 15).map(([name, ms]) => `  ${perOp(ms).padStart(14)}  ${((100 * ms) / cpu.sampledMs).toFixed(1).padStart(5)}%  ${name}`),
    '',
    'bytes allocated, by allocating function:',
    ...top(heap, 15).map(([name, bytes]) => `  ${(bytes / operations).toFixed(1).padStart(8)} B/op  ${name}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (saveDirectory !== undefined) {
    const base = path.join(saveDirectory, `${implementation}-${workload.id}`);
    writeFileSync(`${base}.cpuprofile`, JSON.stringify(profile));
    writeFileSync(`${base}.heapprofile`, JSON.stringify(heapProfile));
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
