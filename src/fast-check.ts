/**
 * `simloop/fast-check`: schedules as a fast-check arbitrary, so a property
 * can take a schedule next to its own inputs and fast-check shrinks both.
 *
 * @example
 * import fc from 'fast-check';
 * import { scheduleArbitrary } from 'simloop/fast-check';
 * fc.assert(fc.property(fc.nat(100), scheduleArbitrary(), (amount, schedule) => {
 *   replay(() => main(amount), schedule); // throws ScheduleFailure when this order breaks it
 * }));
 *
 * @module simloop/fast-check
 */
import * as fc from 'fast-check';
import { formatSchedule, type Schedule } from './explore/choices/schedule.js';

/**
 * The shape of the schedules `scheduleArbitrary` makes.
 *
 * @example
 * scheduleArbitrary({ maxLength: 16, maxChoice: 3, cancel: '*' });
 */
export interface ScheduleArbitraryOptions {
  /** The most choices in a schedule (default 64); past its end a schedule answers 0, FIFO. */
  maxLength?: number;
  /** The largest choice (default 7); a choice beyond the candidates at its point means the last one. */
  maxChoice?: number;
  /** The cancel target of the schedules (a task name or `*`), or none. */
  cancel?: string | null;
}

/**
 * An arbitrary of schedules: mostly FIFO choices (0) with some others. It
 * shrinks toward fewer non-zero choices, shorter schedules and smaller
 * choices, and a counterexample prints as the schedule's line (`v1;0x3,1`),
 * which `replay` and `simloop replay --schedule` read.
 *
 * @example
 * fc.assert(fc.property(scheduleArbitrary({ cancel: '*' }), (schedule) => void replay(main, schedule)));
 */
export function scheduleArbitrary(options: ScheduleArbitraryOptions = {}): fc.Arbitrary<Schedule> {
  const maxLength = options.maxLength ?? 64;
  const maxChoice = options.maxChoice ?? 7;
  const cancel = options.cancel ?? null;
  const choice = fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.nat({ max: maxChoice }), weight: 1 });
  return fc.array(choice, { maxLength }).map((choices) => printable({ choices, cancel }));
}

/** A schedule that fast-check prints as its line. */
function printable(schedule: Schedule): Schedule {
  return Object.defineProperty({ ...schedule }, fc.toStringMethod, { value: () => JSON.stringify(formatSchedule(schedule)), enumerable: false });
}
