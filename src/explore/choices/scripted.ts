import type { LoopTask } from '../../loop/loop.js';
import type { Chooser } from './chooser.js';
import { streamIndex, type StreamChoices, type WorldStream } from './streams.js';

/**
 * Answers from a written schedule, one choice per choice point of each
 * stream, and 0 (FIFO, no fault) once a stream is used up: replay,
 * shrinking and the exhaustive search all run this way. Swarm parameters it
 * answers with `min`: they only weigh random draws, and a script draws none.
 *
 * @example
 * new RecordingPolicy(new ScriptedChooser(parseSchedule('v1;0x3,1').choices), null);
 * new ScriptedChooser([[0, 1], [0, 0, 1]]); // sched [0, 1], net [0, 0, 1]
 */
export class ScriptedChooser implements Chooser {
  readonly name = 'replay';
  private readonly streams: StreamChoices;
  /** The next position in each stream. */
  private readonly cursors: number[];

  /** `choices`: the scheduler's choices, or one list per stream (see CHOICE_STREAMS). */
  constructor(choices: readonly number[] | StreamChoices) {
    this.streams = isStreams(choices) ? choices : [choices];
    this.cursors = this.streams.map(() => 0);
  }

  chooseReady(): number {
    return this.take(0);
  }

  chooseTimer(): number {
    return this.take(0);
  }

  injectCancel(_task: LoopTask, _resumption: number): boolean {
    return this.take(0) !== 0;
  }

  chooseWorld(stream: WorldStream): number {
    return this.take(streamIndex(stream));
  }

  drawSwarm(_name: string, min: number): number {
    return min;
  }

  private take(stream: number): number {
    const choices = this.streams[stream];
    if (choices === undefined) return 0;
    const position = this.cursors[stream] as number;
    this.cursors[stream] = position + 1;
    return position < choices.length ? (choices[position] as number) : 0;
  }
}

function isStreams(choices: readonly number[] | StreamChoices): choices is StreamChoices {
  return choices.length > 0 && Array.isArray(choices[0]);
}
