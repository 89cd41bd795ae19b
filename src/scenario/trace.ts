import { getRunningLoop } from '../loop/running.js';
import { currentTask } from '../task.js';

/**
 * The trace of a scenario run: one line per observable event,
 * `<time> <task> <event>`, where time is the loop's virtual time in ticks.
 */
export class Trace {
  readonly lines: string[] = [];

  /** An event of the running task, stamped with the current virtual time. */
  emit(event: string): void {
    this.lines.push(`${getRunningLoop().time()} ${currentTask().getName()} ${event}`);
  }

  /** The closing line, from no task: `<time> - run -> <outcome>`. */
  end(timeMs: number, outcome: string): void {
    this.lines.push(`${timeMs} - run -> ${outcome}`);
  }
}
