import { sleep, type Operation } from '../effects.js';
import type { Loop } from '../loop/loop.js';
import { LivenessError } from './errors.js';

/**
 * The bound of the liveness phase.
 *
 * @example
 * yield* world.liveness(() => allAgree(), { withinMs: 5_000, pollMs: 50 });
 */
export interface LivenessOptions {
  /** How long after healing the predicate has to become true. */
  withinMs: number;
  /** How often it is checked, in virtual milliseconds. Default 10. */
  pollMs?: number;
}

/** Checks `converged` now and every `pollMs` until it holds, or throws LivenessError once `withinMs` have passed. */
export function* awaitConvergence(loop: Loop, converged: () => boolean, options: LivenessOptions): Operation<void> {
  const { withinMs, pollMs = 10 } = options ?? ({} as LivenessOptions);
  if (typeof converged !== 'function') throw new TypeError(`world.liveness(converged, options): converged must be a function returning a boolean, got ${typeof converged}`);
  if (typeof withinMs !== 'number' || !(withinMs >= 0) || !Number.isFinite(withinMs)) {
    throw new RangeError(`world.liveness: withinMs must be a finite number of milliseconds ≥ 0, got ${String(withinMs)}`);
  }
  if (typeof pollMs !== 'number' || !(pollMs > 0) || !Number.isFinite(pollMs)) throw new RangeError(`world.liveness: pollMs must be a finite number > 0, got ${String(pollMs)}`);
  const healedAtMs = loop.time();
  const deadlineMs = healedAtMs + withinMs;
  for (;;) {
    if (converged()) return;
    const nowMs = loop.time();
    if (nowMs >= deadlineMs) throw new LivenessError(`no convergence within ${withinMs} ms after healing at t=${healedAtMs}`, healedAtMs);
    yield* sleep(Math.min(pollMs, deadlineMs - nowMs));
  }
}
