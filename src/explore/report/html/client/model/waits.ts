import type { WaitKind } from './types.js';

/** What a task waits on after yielding `detail` (an effect's description). */
export interface Wait {
  readonly kind: WaitKind;
  /** For `await-task`, the awaited task's name (without its host). */
  readonly task?: string;
}

/** `sleep(0)` is a yield, `sleep(10)` a sleep, `await Task 'x'` an await on task x, other awaits on a future or a lock. */
export function waitOf(detail: string): Wait {
  const sleep = /^sleep\(([^)]*)\)$/.exec(detail);
  if (sleep !== null) return { kind: Number(sleep[1]) === 0 ? 'yield' : 'sleep' };
  const task = /^await Task '(.*)'(?: \(abandoned: .*\))?$/.exec(detail);
  if (task !== null) return { kind: 'await-task', task: task[1] as string };
  return { kind: detail.startsWith('await ') ? 'await' : 'other' };
}
