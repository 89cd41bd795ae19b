// An independent reference for the linearizability checker, written as simply
// as possible and sharing no code with src/check: read the file's events,
// pair each invoke with its completion, then try every subset of the
// operations whose outcome is unknown and every order of the chosen
// operations. An order is a linearization when no operation in it comes after
// one that it precedes in real time (A precedes B when A completed strictly
// before B was invoked; an unknown outcome never completes) and a kv map of
// registers, each initially null, explains every result in that order.
// Only for small histories: the cost is 2^unknown × n!.

type Value = number | string | boolean | null;

interface FileEvent {
  process: number;
  type: 'invoke' | 'ok' | 'fail' | 'info';
  f: 'read' | 'write' | 'cas';
  key?: string;
  value?: unknown;
  time: number;
}

interface Op {
  f: 'read' | 'write' | 'cas';
  key: string;
  value: unknown; // the invoke's value; for an ok read, the value read
  start: number;
  end: number; // Infinity when the outcome is unknown
  known: boolean; // completed ok
}

export function bruteForceLinearizable(file: { model: string; ops: FileEvent[] }): boolean {
  const ops: Op[] = [];
  const open = new Map<number, Op>();
  for (const event of file.ops) {
    if (event.type === 'invoke') {
      const op: Op = { f: event.f, key: file.model === 'kv' ? event.key! : '', value: event.value, start: event.time, end: Infinity, known: false };
      ops.push(op);
      open.set(event.process, op);
    } else {
      const op = open.get(event.process)!;
      open.delete(event.process);
      if (event.type === 'fail') ops.splice(ops.indexOf(op), 1);
      if (event.type === 'ok') {
        op.known = true;
        op.end = event.time;
        if (op.f === 'read') op.value = event.value;
      }
    }
  }
  const sure = ops.filter((op) => op.known);
  const maybe = ops.filter((op) => !op.known);
  for (let subset = 0; subset < 1 << maybe.length; subset++) {
    const chosen = [...sure, ...maybe.filter((_, i) => (subset & (1 << i)) !== 0)];
    if (someOrderWorks(chosen)) return true;
  }
  return false;
}

function someOrderWorks(ops: Op[]): boolean {
  for (const order of permutations(ops)) {
    if (respectsRealTime(order) && legal(order)) return true;
  }
  return false;
}

function respectsRealTime(order: Op[]): boolean {
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length; j++) {
      if (order[j]!.end < order[i]!.start) return false; // j precedes i in real time, but comes after it
    }
  }
  return true;
}

function legal(order: Op[]): boolean {
  const registers = new Map<string, Value>();
  for (const op of order) {
    const current = registers.has(op.key) ? registers.get(op.key)! : null;
    if (op.f === 'read') {
      if (op.known && op.value !== current) return false;
    } else if (op.f === 'write') {
      registers.set(op.key, op.value as Value);
    } else {
      const [expected, next] = op.value as [Value, Value];
      if (current !== expected) return false;
      registers.set(op.key, next);
    }
  }
  return true;
}

function* permutations<T>(items: T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i]!, ...tail];
  }
}
