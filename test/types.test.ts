import { describe, expectTypeOf, it } from 'vitest';
import {
  Lock,
  Queue,
  createTask,
  gather,
  run,
  shield,
  sleep,
  taskGroup,
  timeout,
  wait,
  waitFor,
  type Operation,
  type Task,
} from '../src/index.js';

function* number(): Operation<number> {
  yield* sleep(1);
  return 1;
}

function* text(): Operation<string> {
  return 'a';
}

// Type-level checks: `npm test` compiles this file with tsc, so a type that stops inferring fails there.
describe('yield* infers what each operation gives back', () => {
  it('for tasks, futures, sleeps and combinators', () => {
    function* main() {
      const task = createTask(number());
      expectTypeOf(task).toEqualTypeOf<Task<number>>();
      const value = yield* task;
      expectTypeOf(value).toEqualTypeOf<number>();
      expectTypeOf(yield* sleep(5, "later")).toEqualTypeOf<string>();
      expectTypeOf(yield* shield(task)).toEqualTypeOf<number>();
      expectTypeOf(yield* waitFor(task, 10)).toEqualTypeOf<number>();
      const [n, s] = yield* gather([createTask(number()), createTask(text())]);
      expectTypeOf(n).toEqualTypeOf<number>();
      expectTypeOf(s).toEqualTypeOf<string>();
      const { done, pending } = yield* wait([task]);
      expectTypeOf(done).toEqualTypeOf<Set<Task<number>>>();
      expectTypeOf(pending).toEqualTypeOf<Set<Task<number>>>();
      expectTypeOf(yield* timeout(10, function* () { return 'in time'; })).toEqualTypeOf<string>();
      expectTypeOf(yield* taskGroup(function* (group) { group.createTask(text()); return 2; })).toEqualTypeOf<number>();
      expectTypeOf(yield* new Lock().with(function* () { return true as const; })).toEqualTypeOf<true>();
      expectTypeOf(yield* new Queue<string>().get()).toEqualTypeOf<string>();
      return value;
    }
    // Checked by the compiler only: the program is never run (its queue would wait forever).
    const runMain = () => run(main());
    expectTypeOf(runMain).returns.toEqualTypeOf<number>();
  });
});
