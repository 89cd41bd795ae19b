// Runs a program and collects what its tasks log, each line stamped
// `<virtual time> <task name> <text>`, for tests that compare exact orders.
import type { Operation } from '../../src/effects.js';
import { getRunningLoop } from '../../src/loop/running.js';
import { run } from '../../src/run.js';
import { currentTask } from '../../src/task.js';

/** Appends `<time> <task> <text>` for the running task. */
export type Log = (text: string) => void;

/** Runs `main(log)` as the main task, strict (an error in a callback fails it), and returns the log lines, then `result <v>` or `raised <ErrorName>`. */
export function traced(main: (log: Log) => Operation<unknown>): string[] {
  const lines: string[] = [];
  const log: Log = (text) => void lines.push(`${getRunningLoop().time()} ${currentTask().getName()} ${text}`);
  try {
    lines.push(`result ${JSON.stringify(run(main(log), { strict: true }) ?? null)}`);
  } catch (error) {
    lines.push(`raised ${(error as Error).name}`);
  }
  return lines;
}

/** The name of what `operation` throws, or `returned <v>` if it returns. */
export function* outcome(operation: Operation<unknown>): Operation<string> {
  try {
    return `returned ${JSON.stringify((yield* operation) ?? null)}`;
  } catch (error) {
    return `threw ${(error as Error).name}`;
  }
}
