import { describe, expect, it } from 'vitest';
import { Future, Loop, SleepEffect, sleep } from '../../src/index.js';

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
});
