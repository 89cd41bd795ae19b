import type { Loop } from '../../loop/loop.js';

/** Each run's swarm parameters, drawn once per loop, so every host's disk weighs its faults alike. */
const drawn = new WeakMap<Loop, Map<string, number>>();

/**
 * The swarm parameter `name` of this run, in [0, max]: drawn from the run's
 * seed the first time any disk asks (0 when the loop is not exploring), and
 * the same value for every disk after that.
 */
export function swarmOnce(loop: Loop, name: string, max: number): number {
  let values = drawn.get(loop);
  if (values === undefined) drawn.set(loop, (values = new Map()));
  let value = values.get(name);
  if (value === undefined) {
    value = loop.policy.drawSwarm?.(name, 0, max) ?? 0;
    values.set(name, value);
  }
  return value;
}
