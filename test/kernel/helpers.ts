import { currentTask, getRunningLoop } from '../../src/index.js';

/** A log of `<time> <task> <what>` lines, written from inside tasks. */
export function taskLog(): { lines: string[]; say: (what: string) => void } {
  const lines: string[] = [];
  return { lines, say: (what) => void lines.push(`${getRunningLoop().time()} ${currentTask().getName()} ${what}`) };
}
