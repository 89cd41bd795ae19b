import { describe, expect, it } from 'vitest';
import { Future, Loop, RuntimeError, SleepEffect, createTask, run, sleep } from '../../src/index.js';
import { taskLog } from './helpers.js';

describe('effects', () => {
  it('are plain objects a test can inspect by stepping a generator by hand', () => {
    const future = new Future<number>({ loop: new Loop(), description: "Future 'answer'" });
    function* work() {
      yield* sleep(500);
      const answer = yield* future;
      return answer + 1;
    }
    const generator = work();
    const first = generator.next().value;
    expect(first).toBeInstanceOf(SleepEffect);
    expect(first).toMatchObject({ kind: 'sleep', delayMs: 500, description: 'sleep(500)' });
    // Compared field by field: a Future is iterable, and deep equality would iterate it.
    const second = generator.next().value as { kind: string; future: unknown; description: string };
    expect([second.kind, second.future === future, second.description]).toEqual(['await', true, "await Future 'answer'"]);
    future.setResult(41);
    expect(generator.next()).toEqual({ done: true, value: 42 });
  });

  it('awaiting a future that is still pending when the generator is resumed raises RuntimeError in the generator', () => {
    const future = new Future<number>({ loop: new Loop(), description: "Future 'late'" });
    const generator = (function* () {
      return yield* future;
    })();
    const effect = generator.next().value as { kind: string; future: unknown };
    expect([effect.kind, effect.future === future]).toEqual(['await', true]);
    expect(() => generator.next()).toThrow(new RuntimeError("await wasn't used with future: Future 'late'"));
  });

  it('sleep carries its result back', () => {
    const generator = (function* () {
      return yield* sleep(5, 'rested');
    })();
    generator.next();
    expect(generator.next()).toEqual({ done: true, value: 'rested' });
  });

  it('sleep refuses a NaN delay at once, naming it', () => {
    expect(() => sleep(Number.NaN)).toThrow(new TypeError('sleep(delayMs): delayMs must be a number of milliseconds, got NaN'));
  });

  it('one sleep effect object may be shared by tasks and reused, each use sleeping in full', () => {
    const { lines, say } = taskLog();
    const tick = sleep(10);
    function* twice() {
      yield* tick;
      say('once');
      yield* tick;
      say('twice');
    }
    function* main() {
      const a = createTask(twice(), { name: 'a' });
      yield* sleep(5);
      const b = createTask(twice(), { name: 'b' });
      yield* a;
      yield* b;
    }
    run(main());
    expect(lines).toEqual(['10 a once', '15 b once', '20 a twice', '25 b twice']);
  });

  it('one future awaited by several tasks at once wakes each of them with its result', () => {
    const { lines, say } = taskLog();
    function* main() {
      const future = new Future<string>({ description: 'shared' });
      function* awaiter() {
        say(`got ${yield* future}`);
        say(`again ${yield* future}`);
      }
      const a = createTask(awaiter(), { name: 'a' });
      const b = createTask(awaiter(), { name: 'b' });
      yield* sleep(3);
      future.setResult('x');
      yield* a;
      yield* b;
    }
    run(main());
    expect(lines).toEqual(['3 a got x', '3 a again x', '3 b got x', '3 b again x']);
  });
});

