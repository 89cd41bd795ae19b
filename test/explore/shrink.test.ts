import { describe, expect, it } from 'vitest';
import { getRunningLoop } from '../../src/loop/running.js';
import { sleep, type Operation } from '../../src/effects.js';
import { createTask } from '../../src/task.js';
import { ScriptedChooser } from '../../src/explore/choices/scripted.js';
import { parseSchedule, scheduleStreams } from '../../src/explore/choices/schedule.js';
import { CHOICE_STREAMS } from '../../src/explore/choices/streams.js';
import { executeRun, type RunRecord } from '../../src/explore/execute.js';
import { explore } from '../../src/explore/explore.js';
import { replay, ScheduleFailure } from '../../src/explore/replay.js';
import { sameFailure } from '../../src/explore/report/failure.js';
import { decodeOrder, encodeOrder, nearbyOrders } from '../../src/explore/shrink/orders.js';
import { shrinkChoices } from '../../src/explore/shrink/shrink.js';
import { programSubject, type Main } from '../../src/explore/subject.js';

/**
 * A world on the choice seam with two streams of faults: six messages, each
 * of which the network may drop (`net`), and two disks, each of which may
 * lose its last write (`disk`). A message is sent again when its first copy
 * is dropped, so one drop never loses it; the run fails when both copies of
 * message 4 are dropped and disk 1 loses its write: three faults in two
 * streams, found among many. Every other drop adds a retry, which moves the
 * later network choices, so the three cannot be found by position alone.
 */
function* twoStreamWorld(): Operation<void> {
  const loop = getRunningLoop();
  const odds = loop.policy.drawSwarm?.('loss', 0, 0.5) ?? 0;
  const delivered = new Set<number>();
  function* send(message: number) {
    for (let copy = 0; copy < 2; copy++) {
      yield* sleep(0);
      if ((loop.policy.chooseWorld?.('net', 'drop', 2, [1 - odds, odds]) ?? 0) === 0) {
        delivered.add(message);
        return;
      }
    }
  }
  const senders = [0, 1, 2, 3, 4, 5].map((message) => createTask(send(message), { name: `send-${message}` }));
  for (const sender of senders) yield* sender;
  const lost = [0, 1].map((disk) => (loop.policy.chooseWorld?.('disk', 'lose-write', 2, [1 - odds, odds]) ?? 0) === 1);
  if (!delivered.has(4) && lost[1] === true) throw new Error('message 4 lost on the wire and on disk 1');
}

/**
 * Twelve messages, each of which the network may drop; the run fails when
 * message 11 is lost, or when messages 1 to 4 all are. From a run that lost
 * 1 to 4, no single change keeps the failure (message 11 is too far for a
 * move, four faults too many for the bounded search), but the loss of
 * message 11 alone does.
 */
function* twoWaysWorld(): Operation<void> {
  const loop = getRunningLoop();
  const lost = Array.from({ length: 12 }, () => (loop.policy.chooseWorld?.('net', 'drop', 2, [0.5, 0.5]) ?? 0) === 1);
  if (lost[11] === true || lost.slice(1, 5).every((each) => each)) throw new Error('lost');
}

/**
 * Twelve steps; at each, a message may be dropped and a host paused, for one
 * of four durations. The run fails when step 11 has the longest pause, or
 * when messages 1 to 4 are all lost while some host takes the longest
 * pause: from a run with those five faults, no single change keeps the
 * failure, but the pause alone, with its duration, at step 11 does.
 */
function* pausesWorld(): Operation<void> {
  const loop = getRunningLoop();
  const lost: boolean[] = [];
  const paused: number[] = [];
  for (let step = 0; step < 12; step++) {
    lost.push((loop.policy.chooseWorld?.('net', 'drop', 2, [0.5, 0.5]) ?? 0) === 1);
    const pause = (loop.policy.chooseWorld?.('crash', 'host', 2, [0.5, 0.5]) ?? 0) === 1;
    paused.push(pause ? (loop.policy.chooseWorld?.('crash', 'pause-ms', 4, [0.25, 0.25, 0.25, 0.25]) ?? 0) : -1);
  }
  if (paused[11] === 3 || (lost.slice(1, 5).every((each) => each) && paused.includes(3))) throw new Error('paused too long');
}

/**
 * A world whose input is a random seed: the value is sent in three copies
 * when the seed is a multiple of 3 (0 among them), else in one, and the run
 * fails when every copy is lost. Zeroing the seed keeps the failure of a run
 * that lost the first three messages, but then needs three losses, where the
 * seed it drew needs one.
 */
function* seededCopiesWorld(): Operation<void> {
  const loop = getRunningLoop();
  const seed = loop.policy.chooseWorld?.('random', 'seed', 2 ** 32) ?? 0;
  const copies = seed % 3 === 0 ? 3 : 1;
  const lost = Array.from({ length: 6 }, () => (loop.policy.chooseWorld?.('net', 'drop', 2, [0.5, 0.5]) ?? 0) === 1);
  if (lost.slice(0, copies).every((each) => each)) throw new Error('every copy lost');
}

/** Shrinks `streams` of `main` to the failure they fail with. */
function shrinkRun(main: Main, streams: number[][]) {
  const subject = programSubject(main);
  return shrinkChoices(streams, {
    run: (chooser) => executeRun(subject, chooser, null, {}, false),
    failsSameWay: (record) => record.failure !== null,
  });
}

/** Each single change of a schedule: every non-zero choice zeroed, or lowered to each smaller value. */
function singleChanges(streams: readonly (readonly number[])[]): number[][][] {
  const changes: number[][][] = [];
  streams.forEach((choices, stream) =>
    choices.forEach((choice, index) => {
      for (let lower = 0; lower < choice; lower++) {
        const changed = streams.map((each) => [...each]);
        (changed[stream] as number[])[index] = lower;
        changes.push(changed);
      }
    }),
  );
  return changes;
}

/** Whether a schedule, run, fails the way `failure` did. */
function failsLike(main: Main, streams: number[][], original: RunRecord): boolean {
  const record = executeRun(programSubject(main), new ScriptedChooser(streams), null, {}, false);
  return record.failure !== null && sameFailure(record.failure, original.failure!);
}

describe('shrinking', () => {
  it('shrinks faults of several streams together to the fewest that fail, and the line replays exactly', () => {
    for (const seed of [0, 1, 2]) {
      const result = explore(twoStreamWorld, { seed });
      const failure = result.failure!;
      expect(failure.failure.message).toBe('message 4 lost on the wire and on disk 1');
      expect(failure.original.nonZero).toBeGreaterThan(3);
      expect([failure.shrunk.nonZero, failure.shrunk.faults, failure.shrinkEnd]).toEqual([3, 3, 'fewest']);
      // Message 4's first copy dropped at the 5th send, its retry at the 7th (after message 5's first), disk 1's write lost.
      expect(failure.shrunk.schedule).toBe('v2;net=0x4,1,0,1;disk=0,1');
      const replayed = (() => {
        try {
          replay(twoStreamWorld, failure.shrunk.schedule);
        } catch (error) {
          if (error instanceof ScheduleFailure) return error;
        }
        throw new Error('the shrunk schedule passed');
      })();
      expect([replayed.schedule, replayed.failure]).toEqual([failure.shrunk.schedule, failure.shrunkFailure]);
    }
  });

  it('stops at a local minimum: no single change of the shrunk schedule fails the same way', () => {
    const result = explore(twoStreamWorld, { seed: 5 });
    const shrunk = scheduleStreams(parseSchedule(result.failure!.shrunk.schedule));
    const original = executeRun(programSubject(twoStreamWorld), new ScriptedChooser(shrunk), null, {}, false);
    const changes = singleChanges(shrunk);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(failsLike(twoStreamWorld, change, original)).toBe(false);
  });

  it('tries each fault alone on the fault-free run when no single change of a bigger minimum keeps the failure', () => {
    const outcome = shrinkRun(twoWaysWorld, [[], [0, 1, 1, 1, 1]]);
    expect([outcome.streams[1], outcome.fewestProven]).toEqual([[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], true]);
  });

  it('tries a fault alone with its details (a pause with its duration)', () => {
    const crash = CHOICE_STREAMS.indexOf('crash');
    const streams = CHOICE_STREAMS.map((stream) => (stream === 'net' ? [0, 1, 1, 1, 1] : stream === 'crash' ? [0, 0, 1, 3] : []));
    const outcome = shrinkRun(pausesWorld, streams);
    // Steps 0 to 10 ask whether to pause once each; at step 11 the pause and its duration.
    expect([outcome.streams[1], outcome.streams[crash], outcome.fewestProven]).toEqual([[], [...new Array<number>(11).fill(0), 1, 3], true]);
  });

  it("holds the run's random seed until its faults are few, then lowers it", () => {
    const random = CHOICE_STREAMS.indexOf('random');
    const streams = (seed: number, net: number[]) => CHOICE_STREAMS.map((stream) => (stream === 'net' ? net : stream === 'random' ? [seed] : []));
    const outcome = shrinkRun(seededCopiesWorld, streams(7, [1, 1, 1, 1, 1, 1]));
    expect([outcome.streams[1], outcome.streams[random]]).toEqual([[1], [1]]); // 1 is the smallest seed with one copy
    // The bounded search for one choice never tries another seed, so it proves nothing.
    expect([outcome.minimal, outcome.fewestProven]).toEqual([true, false]);
    // Without the seed the same run needs three losses: the seed kept is the smaller schedule.
    expect(shrinkRun(seededCopiesWorld, streams(0, [1, 1, 1, 1, 1, 1])).streams[1]).toEqual([1, 1, 1]);
  });

  it('never makes more runs than its budget, and says when the budget ran out', () => {
    const result = explore(twoStreamWorld, { seed: 1, shrinkRuns: 5 });
    expect([result.failure!.shrinkRuns, result.failure!.shrinkEnd]).toEqual([5, 'budget']);
    expect(result.failure!.shrunk.nonZero).toBeLessThanOrEqual(result.failure!.original.nonZero);
    const subject = programSubject(twoStreamWorld);
    let runs = 0;
    const outcome = shrinkChoices(scheduleStreams(parseSchedule(result.failure!.original.schedule)), {
      run: (chooser) => {
        runs++;
        return executeRun(subject, chooser, null, {}, false);
      },
      failsSameWay: (record) => record.failure !== null,
    }, { budget: 40 });
    expect([outcome.runs, runs, outcome.minimal]).toEqual([40, 40, false]);
  });
});

describe('schedules read as orders', () => {
  it('decodes and encodes the choices of one iteration as the order its callbacks ran in', () => {
    expect(decodeOrder([2, 0], 3)).toEqual([2, 0, 1]);
    expect(decodeOrder([0, 1, 1], 4)).toEqual([0, 2, 3, 1]);
    expect(decodeOrder([5], 3)).toEqual([2]); // beyond the last means the last; an incomplete group stays a prefix
    expect(encodeOrder([2, 0, 1], 3)).toEqual([2, 0]);
    for (const choices of [[0, 0, 0], [3, 2, 1], [1, 0, 1], [2, 2, 0]]) expect(encodeOrder(decodeOrder(choices, 4), 4)).toEqual(choices);
  });

  it('offers orders with one callback moved and the others in their relative order', () => {
    // 3 jumped ahead of 0, 1 and 2: put back, it runs last; one place later, second. Then each
    // of the others one place later and earlier (the caller drops the repeats).
    expect(nearbyOrders([3, 0, 1, 2])).toEqual([
      [0, 1, 2, 3],
      [0, 3, 1, 2],
      [3, 1, 0, 2],
      [0, 3, 1, 2],
      [3, 0, 2, 1],
      [3, 1, 0, 2],
      [3, 0, 2, 1],
    ]);
    expect(nearbyOrders([0, 1])).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });
});
