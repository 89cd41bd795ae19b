import { describe, expect, it } from 'vitest';
import { explore, formatReport, getRunningLoop, parseSchedule, replay, ScheduleFailure, sleep, type Operation } from '../../src/index.js';

/**
 * A toy world on the choice seam: ten messages, each dropped when the `net`
 * stream says so (odds from a swarm parameter), and a `crash` stream asked
 * once. The program fails when message 7 is dropped and the crash choice is
 * taken: two faults, found among many random ones, and shrunk to just those.
 */
function* toyWorld(): Operation<void> {
  const loop = getRunningLoop();
  const loss = loop.policy.drawSwarm?.('loss', 0, 0.5) ?? 0;
  const received: number[] = [];
  for (let message = 0; message < 10; message++) {
    yield* sleep(1);
    const dropped = (loop.policy.chooseWorld?.('net', 'drop', 2, [1 - loss, loss]) ?? 0) === 1;
    loop.monitor?.worldEvent?.({ action: dropped ? 'drop' : 'deliver', host: null, detail: `#${message} a -> b`, fault: dropped, id: message, from: 'a', to: 'b' });
    if (!dropped) received.push(message);
  }
  const crashed = (loop.policy.chooseWorld?.('crash', 'crash', 2, [0.5, 0.5]) ?? 0) === 1;
  if (crashed && !received.includes(7)) throw new Error('lost message 7 and crashed');
}

describe("the world's choices on explore's seam", () => {
  it('finds a failure that needs two faults and shrinks it to exactly those two, in their own streams', () => {
    const result = explore(toyWorld, { runs: 500, seed: 3 });
    const failure = result.failure!;
    expect(failure.failure.message).toBe('lost message 7 and crashed');
    expect(failure.shrunk.schedule).toBe('v2;net=0x7,1;crash=1');
    expect([failure.shrunk.nonZero, failure.shrunk.faults]).toEqual([2, 2]);
    expect(Object.keys(failure.swarm)).toEqual(['loss']);
    const report = formatReport(result);
    expect(report).toContainEqual(expect.stringMatching(/^ {2}swarm: loss=0\.\d+$/));
    expect(report).toContain(
      "  shrunk schedule:   9 choices, 2 not FIFO's, 2 of them the world's (net 1, crash 1) (" + `${failure.shrinkRuns} shrinking runs; no schedule with fewer fails the same way)`,
    );
    expect(failure.trace.filter((event) => event.type === 'world' && event.fault).map((event) => (event as { detail: string }).detail)).toEqual(['#7 a -> b']);
    expect(failure.replayLine).toBe('replay(toyWorld, "v2;net=0x7,1;crash=1")');
  });

  it('replays the printed v2 line exactly; choice 0 everywhere is the fault-free run', () => {
    expect(() => replay(toyWorld, 'v2;net=0x7,1;crash=1')).toThrow(ScheduleFailure);
    expect(replay(toyWorld, 'v1;').schedule).toBe('v1;');
    expect(replay(toyWorld, 'v2;net=0x7,1').schedule).toBe('v2;net=0x7,1');
    expect(replay(toyWorld, parseSchedule('v2;crash=1')).schedule).toBe('v2;crash=1');
  });

  it('exhaustive search leaves the world fault-free unless a fault bound is given, then finds the two-fault bug', () => {
    const faultFree = explore(toyWorld, { policy: 'exhaustive' });
    expect([faultFree.failure, faultFree.coverage?.complete, faultFree.coverage?.schedules]).toEqual([null, true, 1]);
    const oneFault = explore(toyWorld, { policy: 'exhaustive', faults: 1 });
    expect([oneFault.failure, oneFault.coverage?.complete, oneFault.coverage?.boundReached]).toEqual([null, true, true]);
    const twoFaults = explore(toyWorld, { policy: 'exhaustive', faults: 2 });
    expect(twoFaults.failure?.shrunk.schedule).toBe('v2;net=0x7,1;crash=1');
  });
});
