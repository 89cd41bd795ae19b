/**
 * The wall clock of the time budget, the check's outer guard only: it decides
 * when to give up, never what a verdict says. Monotonic where the platform
 * has `performance.now` (Node, browsers), `Date.now` elsewhere; the root entry
 * type-checks without Node's or the DOM's types, hence the lookup.
 */
const platform = globalThis as unknown as { performance?: { now(): number } };

/** Milliseconds since some fixed instant. */
export function nowMs(): number {
  return platform.performance === undefined ? Date.now() : platform.performance.now();
}
