import type { LoopTask } from '../../loop/loop.js';
import type { SchedulingPolicy } from '../../loop/policy.js';
import { isCancelTarget } from './cancel-target.js';
import type { ChoiceKind, Chooser } from './chooser.js';
import { CHOICE_STREAMS, streamIndex, type ChoiceStream, type WorldStream } from './streams.js';

/**
 * Told of every choice other than 0 as it is made (the trace records them):
 * its stream, its kind (`ready`, `timer`, `cancel`, or the world's own, such
 * as `drop`), the answer, how many there were, and the task it concerns.
 *
 * @example
 * const listener: ChoiceListener = (stream, kind, chosen) => console.log(`${stream} ${kind} ${chosen}`);
 */
export type ChoiceListener = (stream: ChoiceStream, kind: string, chosen: number, count: number, task: LoopTask | null) => void;

/**
 * What one stream of a run recorded: the choice made at each of its points, what each point was, how many it had.
 *
 * @example
 * const net: StreamLog = record.logs[streamIndex('net')]; // { choices: [0, 1], kinds: ['drop', 'drop'], counts: [2, 2] }
 */
export interface StreamLog {
  readonly choices: number[];
  readonly kinds: string[];
  readonly counts: number[];
}

/**
 * The scheduling policy of an exploration run: it asks a Chooser at every
 * choice point and writes down the answer, so the run's schedule is exactly
 * what it recorded. Scheduling choice points are a ready queue with two or
 * more callbacks left, two or more timers due at one instant, and, when a
 * cancel target is set, every resumption of a target task (choice 1 injects
 * `cancel()` there); a simulated world adds its own, each in its stream.
 *
 * An answer beyond the last candidate means the last one: a schedule written
 * for another run (shrinking, a fast-check arbitrary) still replays, and what
 * is recorded is the choice actually taken.
 *
 * @example
 * const policy = new RecordingPolicy(new RandomChooser(Prng.forRun(1, 5), 0), null);
 * run(main(), { policy });
 * formatSchedule({ choices: policy.choices, cancel: null });
 */
export class RecordingPolicy implements SchedulingPolicy {
  readonly name: string;
  /** Each stream's log, in CHOICE_STREAMS order; the scheduler's is `streams[0]`. */
  readonly streams: StreamLog[] = CHOICE_STREAMS.map(() => ({ choices: [], kinds: [], counts: [] }));
  /** The stream of every choice, in the order they were made across streams (for the exhaustive search). */
  readonly order: number[] = [];
  /** The swarm parameters the world drew, by name, in the order drawn. */
  readonly swarm: Record<string, number> = {};
  /** How many cancellation points the run has met. */
  cancelPoints = 0;

  constructor(
    private readonly chooser: Chooser,
    /** A task name, `*` for all but main, or null: see isCancelTarget. */
    readonly cancelTarget: string | null,
    private readonly listener: ChoiceListener | null = null,
  ) {
    this.name = chooser.name;
  }

  /** The scheduler's choices, in order. */
  get choices(): number[] {
    return (this.streams[0] as StreamLog).choices;
  }

  /** What each of the scheduler's choice points was. */
  get kinds(): ChoiceKind[] {
    return (this.streams[0] as StreamLog).kinds as ChoiceKind[];
  }

  /** How many candidates each of the scheduler's choice points had. */
  get counts(): number[] {
    return (this.streams[0] as StreamLog).counts;
  }

  chooseReady(count: number): number {
    return this.record(0, 'ready', count, this.chooser.chooseReady(count), null);
  }

  chooseTimer(count: number): number {
    return this.record(0, 'timer', count, this.chooser.chooseTimer(count), null);
  }

  cancelAtResumption(task: LoopTask): boolean {
    if (!isCancelTarget(this.cancelTarget, task)) return false;
    const inject = this.chooser.injectCancel(task, this.cancelPoints++);
    return this.record(0, 'cancel', 2, inject ? 1 : 0, task) === 1;
  }

  chooseWorld(stream: string, kind: string, count: number, weights?: readonly number[]): number {
    const index = streamIndex(stream);
    if (index === 0) throw new RangeError('the world cannot choose in the scheduler\'s stream (sched)');
    if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`a ${stream} choice (${kind}) needs a whole number of alternatives ≥ 1, got ${count}`);
    if (weights !== undefined && (weights.length !== count || weights.some((weight) => !(weight >= 0)))) {
      throw new RangeError(`the weights of a ${stream} choice (${kind}) must be ${count} numbers ≥ 0, got [${weights.join(', ')}]`);
    }
    if (count === 1) return 0;
    const answer = this.chooser.chooseWorld?.(stream as WorldStream, kind, count, weights) ?? 0;
    return this.record(index, kind, count, answer, null);
  }

  drawSwarm(name: string, min: number, max: number): number {
    if (!(min <= max)) throw new RangeError(`swarm parameter ${name}: min ${min} is above max ${max}`);
    const value = this.chooser.drawSwarm?.(name, min, max) ?? min;
    this.swarm[name] = value;
    return value;
  }

  private record(stream: number, kind: string, count: number, answer: number, task: LoopTask | null): number {
    if (!Number.isSafeInteger(answer) || answer < 0) {
      throw new RangeError(`chooser ${this.chooser.name} answered ${answer} at a ${kind} choice of ${count}`);
    }
    const chosen = Math.min(answer, count - 1);
    const log = this.streams[stream] as StreamLog;
    log.choices.push(chosen);
    log.kinds.push(kind);
    log.counts.push(count);
    this.order.push(stream);
    if (chosen !== 0) this.listener?.(CHOICE_STREAMS[stream] as ChoiceStream, kind, chosen, count, task);
    return chosen;
  }
}
