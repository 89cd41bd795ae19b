// The histories the checker's benchmark judges, made by running a real
// register store on a seeded schedule: each client invokes an operation after
// a think time, the operation takes effect at a random instant inside its
// interval (read, write or cas, small values, so many orders look alike), and
// the store applies them in the order of those instants. The history is
// linearizable by construction; `corrupt` changes the last read's value,
// which makes it not.
import type { HistoryOperation, RegisterInput, Scalar } from '../src/check/index.js';
import { Prng } from '../src/explore/choices/prng.js';

export interface HistoryShape {
  readonly operations: number;
  readonly processes: number;
  /** 0 for the register model (no keys). */
  readonly keys: number;
  /** The operation's duration and the think time between a client's operations, in ms. */
  readonly durationMs: readonly [number, number];
  readonly thinkMs: readonly [number, number];
  /** Distinct values written. */
  readonly values: number;
  /** The fraction of operations that time out (info), taking effect or not. */
  readonly infoRate: number;
  readonly corrupt: boolean;
  readonly seed: number;
}

type Op = HistoryOperation<RegisterInput, Scalar>;

interface Planned {
  op: Op & { output?: Scalar; status: Op['status'] };
  instant: number | null;
}

/** A history of the given shape; the same shape and seed give the same history. */
export function storeHistory(shape: HistoryShape): Op[] {
  const prng = new Prng(shape.seed);
  const between = ([low, high]: readonly [number, number]) => low + prng.nextInt(high - low + 1);
  const clocks = new Array<number>(shape.processes).fill(0);
  const planned: Planned[] = [];
  const nextProcess = new Array<number>(shape.processes).fill(0).map((_, i) => i);
  let fresh = shape.processes;
  for (let i = 0; i < shape.operations; i++) {
    const client = prng.nextInt(shape.processes);
    const invokeTime = clocks[client]! + between(shape.thinkMs);
    const completeTime = invokeTime + between(shape.durationMs);
    clocks[client] = completeTime;
    const key = shape.keys === 0 ? {} : { key: `k${prng.nextInt(shape.keys)}` };
    const input = inputOf(prng, shape.values, key);
    const info = prng.nextInt(1_000_000) < shape.infoRate * 1_000_000;
    const instant = info && prng.nextInt(2) === 0 ? null : invokeTime + prng.nextInt(completeTime - invokeTime + 1);
    const op = { process: nextProcess[client]!, input, status: info ? ('info' as const) : ('ok' as const), invokeTime, completeTime };
    if (info) nextProcess[client] = fresh++; // Jepsen: a client whose operation ended info goes on as a new process
    planned.push({ op, instant });
  }
  applyInOrder(planned);
  if (shape.corrupt) corruptLastRead(planned);
  return planned.map((item) => item.op);
}

function inputOf(prng: Prng, values: number, key: { key?: string }): RegisterInput {
  const roll = prng.nextInt(10);
  if (roll < 5) return { f: 'read', ...key };
  if (roll < 8) return { f: 'write', ...key, value: prng.nextInt(values) };
  return { f: 'cas', ...key, value: [prng.nextInt(values), prng.nextInt(values)] };
}

/** Runs the store: applies each operation at its instant, recording reads and cas outcomes. */
function applyInOrder(planned: Planned[]): void {
  const store = new Map<string, Scalar>();
  const applied = planned.filter((item) => item.instant !== null).sort((a, b) => a.instant! - b.instant!);
  for (const { op } of applied) {
    const key = op.input.key ?? '';
    const current = store.has(key) ? store.get(key)! : null;
    if (op.input.f === 'read') op.output = current;
    else if (op.input.f === 'write') store.set(key, op.input.value);
    else if (current === op.input.value[0]) store.set(key, op.input.value[1]);
    else if (op.status === 'ok') op.status = 'fail';
  }
}

function corruptLastRead(planned: Planned[]): void {
  const last = [...planned].reverse().find((item) => item.op.input.f === 'read' && item.op.status === 'ok');
  if (last !== undefined) last.op.output = -1; // a value nobody writes
}
