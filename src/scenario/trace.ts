import { getRunningLoop } from '../loop/running.js';
import { currentTask } from '../task.js';

/**
 * The trace of a scenario run: one line per observable event,
 * `<time> <task> <event>`, where time is the loop's virtual time in ticks.
 */
export class Trace {
  readonly lines: string[] = [];
  private frozen = false;

  /** An event of the running task, stamped with the current virtual time. */
  emit(event: string): void {
    if (this.frozen) return;
    this.lines.push(`${getRunningLoop().time()} ${currentTask().getName()} ${event}`);
  }

  /** Ends the trace where it stands (the run is being cut short) and returns its lines. */
  freeze(): readonly string[] {
    this.frozen = true;
    return this.lines;
  }

  /** The closing line, from no task: `<time> - run -> <outcome>`. */
  end(timeMs: number, outcome: string): void {
    this.lines.push(`${timeMs} - run -> ${outcome}`);
  }
}
