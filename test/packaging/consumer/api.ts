// A program over the public API, type-checked against the installed package:
// inference through yield*, tuple results of gather, exploration and replay.
import { createTask, explore, formatReport, gather, Lock, replay, run, sleep, type Operation } from 'simloop';

function* child(delayMs: number): Operation<number> {
  yield* sleep(delayMs);
  return delayMs;
}

function* main(): Operation<string> {
  const lock = new Lock();
  const [a, b] = yield* gather([createTask(child(1)), createTask(child(2))]);
  const sum: number = a + b;
  yield* lock.with(function* () {
    yield* sleep(sum);
  });
  return `slept ${sum}`;
}

export const result: string = run(main());
export const report: string[] = formatReport(explore(main, { policy: 'random', runs: 5, seed: 1 }));
export const replayed: unknown = replay(main, 'v1;0');
