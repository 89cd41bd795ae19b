import type { LoopTask } from '../../loop/loop.js';
import type { Chooser } from './chooser.js';

/**
 * Answers from a written schedule, one choice per choice point, and 0 (FIFO)
 * once the schedule is used up: replay, shrinking and the exhaustive search
 * all run this way.
 *
 * @example
 * new RecordingPolicy(new ScriptedChooser(parseSchedule('v1;0x3,1').choices), null);
 */
export class ScriptedChooser implements Chooser {
  readonly name = 'replay';
  private next = 0;

  constructor(private readonly choices: readonly number[]) {}

  chooseReady(): number {
    return this.take();
  }

  chooseTimer(): number {
    return this.take();
  }

  injectCancel(_task: LoopTask, _resumption: number): boolean {
    return this.take() !== 0;
  }

  private take(): number {
    const choice = this.next < this.choices.length ? (this.choices[this.next] as number) : 0;
    this.next++;
    return choice;
  }
}
