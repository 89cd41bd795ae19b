import { showValue } from '../../show.js';

/**
 * The one pseudo-random generator of exploration: xoshiro128** (Blackman and
 * Vigna), seeded through splitmix32. It uses only 32-bit integer arithmetic
 * (`Math.imul`, shifts, `>>> 0`), so a seed gives the same numbers on every
 * platform and every JavaScript engine. Every random decision of a run (which
 * callback, which timer, where to inject a cancel, PCT's priorities) draws
 * from one Prng made for that run, and nothing else is random.
 *
 * @example
 * const prng = new Prng(42);
 * prng.nextInt(6); // a die roll, the same on every machine
 */
export class Prng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** `seed` is an integer in [0, 2^32). */
  constructor(seed: number) {
    checkSeed(seed);
    let state = seed >>> 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      state = (state + 0x9e3779b9) >>> 0;
      words.push(mix32(state));
    }
    [this.s0, this.s1, this.s2, this.s3] = words as [number, number, number, number];
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // xoshiro must not start all zero
  }

  /**
   * The generator of run `runIndex` of an exploration seeded `seed`. It depends
   * on nothing else, which is why workers and shards that run different
   * indices still make exactly the schedules one worker would.
   */
  static forRun(seed: number, runIndex: number): Prng {
    checkSeed(seed);
    if (!Number.isSafeInteger(runIndex) || runIndex < 0) throw new RangeError(`runIndex must be a non-negative integer, got ${runIndex}`);
    return new Prng(mix32((seed ^ mix32((Math.imul(runIndex, 0x9e3779b9) + 0x7f4a7c15) >>> 0)) >>> 0));
  }

  /**
   * The generator of one stream of run `runIndex` (see CHOICE_STREAMS):
   * stream 0, the scheduler's, is `forRun` itself; the others, one per
   * subsystem of a simulated world, and `swarm` streams past them, are
   * independent of it and of each other, so a new draw in one stream never
   * shifts another.
   *
   * @example
   * const network = Prng.forStream(seed, runIndex, 1);
   */
  static forStream(seed: number, runIndex: number, stream: number): Prng {
    const base = Prng.forRun(seed, runIndex);
    if (stream === 0) return base;
    if (!Number.isSafeInteger(stream) || stream < 0) throw new RangeError(`stream must be a non-negative integer, got ${stream}`);
    return new Prng(mix32((base.nextUint32() ^ mix32((Math.imul(stream, 0x85ebca6b) + 0x632be5ab) >>> 0)) >>> 0));
  }

  /** A number in [0, 1), from 32 random bits. */
  nextFloat(): number {
    return this.nextUint32() / 0x100000000;
  }

  /** The next 32 random bits, as an integer in [0, 2^32). */
  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotateLeft(this.s3, 11);
    return result;
  }

  /** An integer in [0, bound), every value equally likely (rejection sampling, no modulo bias). */
  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > 0x100000000) {
      throw new RangeError(`nextInt(bound): bound must be an integer in [1, 2^32], got ${bound}`);
    }
    const limit = 0x100000000 - (0x100000000 % bound);
    for (let attempt = 0; attempt < 1000; attempt++) {
      const value = this.nextUint32();
      if (value < limit) return value % bound;
    }
    // Each draw is rejected with probability below 1/2: a thousand in a row means a broken generator.
    throw new Error(`Prng.nextInt(${bound}) rejected 1000 draws in a row`);
  }
}

/** The finaliser of MurmurHash3: a bijection on 32-bit integers that spreads every input bit. */
function mix32(value: number): number {
  let z = value >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** Throws RangeError unless `seed` is an integer in [0, 2^32). */
export function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`a seed must be an integer in [0, 2^32), got ${showValue(seed)}`);
  }
}
