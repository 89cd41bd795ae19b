/**
 * What the shape of a yield costs, with no scheduler at all: one generator
 * driven by a bare `next()` loop, yielding N times in each of three ways.
 *
 *   npx tsc -p bench/tsconfig.json && node dist-bench/bench/yield-cost.js [N]
 *
 * - `yield 0`: the floor's yield, a bare value.
 * - `yield* effect`, a fresh effect per yield that is its own iterator and its
 *   own IteratorResult (simloop's and bound's `yield* sleep(0)`).
 * - `yield* effect`, one shared effect told apart by a private resume token
 *   (allocation-free, but a generator stepped by hand with a plain `next()`
 *   would never get past it).
 *
 * The difference between the first and the second is what `yield*` of an
 * effect object costs by itself, before any scheduling: the part of W1 and W2
 * that simloop's API (everything that suspends is an effect taken with
 * `yield*`) imposes on every implementation of it. Medians of 7 runs after
 * a warm-up, in ns per yield.
 */

const RESUME: unique symbol = Symbol('resume');

class FreshEffect {
  private handedOver = false;

  constructor(readonly delayMs: number) {}

  get value(): this {
    return this;
  }

  get done(): false {
    return false;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<FreshEffect, undefined> {
    if (!this.handedOver) {
      this.handedOver = true;
      return this;
    }
    return ENDED;
  }
}

const ENDED: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/** One object for every yield: the first `next()` hands it over, `next(RESUME)` ends it. */
const SHARED = {
  value: undefined as unknown,
  done: false as const,
  [Symbol.iterator]() {
    return this;
  },
  next(sent?: unknown): IteratorResult<unknown, undefined> {
    return sent === RESUME ? ENDED : SHARED;
  },
};
SHARED.value = SHARED;

function* bareYields(n: number): Generator<unknown, number, unknown> {
  let count = 0;
  for (let i = 0; i < n; i++) {
    yield 0;
    count++;
  }
  return count;
}

function* freshEffects(n: number): Generator<unknown, number, unknown> {
  let count = 0;
  for (let i = 0; i < n; i++) {
    yield* new FreshEffect(0);
    count++;
  }
  return count;
}

function* sharedEffect(n: number): Generator<unknown, number, unknown> {
  let count = 0;
  for (let i = 0; i < n; i++) {
    yield* SHARED;
    count++;
  }
  return count;
}

function drive(generator: Generator<unknown, number, unknown>): number {
  let outcome = generator.next();
  while (outcome.done !== true) outcome = generator.next(RESUME);
  return outcome.value;
}

function nsPerYield(make: (n: number) => Generator<unknown, number, unknown>, n: number): number {
  const samples: number[] = [];
  drive(make(n));
  for (let run = 0; run < 7; run++) {
    const started = process.hrtime.bigint();
    const counted = drive(make(n));
    const elapsed = Number(process.hrtime.bigint() - started);
    if (counted !== n) throw new Error(`counted ${counted} yields, expected ${n}`);
    samples.push(elapsed / n);
  }
  samples.sort((a, b) => a - b);
  return samples[3] as number;
}

const n = Number(process.argv[2] ?? 10_000_000);
const bare = nsPerYield(bareYields, n);
const fresh = nsPerYield(freshEffects, n);
const shared = nsPerYield(sharedEffect, n);
console.log(`N = ${n.toLocaleString('en-US')} yields, Node ${process.version}, ns per yield (median of 7):`);
console.log(`  yield 0                        ${bare.toFixed(1)}`);
console.log(`  yield* fresh effect            ${fresh.toFixed(1)}  (+${(fresh - bare).toFixed(1)})`);
console.log(`  yield* shared effect + token   ${shared.toFixed(1)}  (+${(shared - bare).toFixed(1)})`);
