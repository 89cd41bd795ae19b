import type { Loop } from '../loop/loop.js';

/** What a free function of the world (buggify) needs of the world on the running loop. */
export interface WorldHooks {
  buggifyAt(site: string, label: string): boolean;
}

/** The world of each loop: a run has at most one. */
const worlds = new WeakMap<Loop, WorldHooks>();

/** The world made on `loop`, or undefined. */
export function worldAt(loop: Loop): WorldHooks | undefined {
  return worlds.get(loop);
}

/** Registers the world of `loop`; false if it has one already. */
export function registerWorld(loop: Loop, world: WorldHooks): boolean {
  if (worlds.has(loop)) return false;
  worlds.set(loop, world);
  return true;
}
