import { RuntimeError } from '../errors.js';
import type { Loop } from '../loop/loop.js';
import { peekRunningLoop } from '../loop/running.js';

/** A global that makes a run unreproducible, and what a host should use instead. */
interface Trap {
  readonly holder: () => object | undefined;
  readonly key: string;
  readonly name: string;
  readonly instead: string;
}

const TRAPS: readonly Trap[] = [
  { holder: () => Math, key: 'random', name: 'Math.random()', instead: 'host.random(), which the run seeds and a replay repeats' },
  { holder: () => Date, key: 'now', name: 'Date.now()', instead: "host.clock.now(), the host's simulated wall clock" },
  { holder: () => (globalThis as { performance?: object }).performance, key: 'now', name: 'performance.now()', instead: "host.clock.now(), or getRunningLoop().time() for the loop's virtual time" },
  { holder: () => globalThis, key: 'setTimeout', name: 'setTimeout()', instead: 'yield* sleep(ms), or loop.callLater(ms, callback)' },
  { holder: () => globalThis, key: 'setInterval', name: 'setInterval()', instead: 'a task that loops over yield* sleep(ms)' },
  { holder: () => globalThis, key: 'setImmediate', name: 'setImmediate()', instead: 'yield* sleep(0), or loop.callSoon(callback)' },
];

/** How many worlds have the traps installed now (one per run; more only if runs nest). */
let installed = 0;
const saved: Array<{ holder: object; key: string; descriptor: PropertyDescriptor | undefined }> = [];

/**
 * Traps the globals that leak real time and real randomness into a host's
 * code: inside a host (the loop's current owner is one), each throws a
 * RuntimeError naming its replacement; anywhere else it works as usual. The
 * loop puts them back when it closes.
 */
export function trapGlobals(loop: Loop): void {
  if (installed++ === 0) install();
  loop.onClose(() => {
    if (--installed === 0) restore();
  });
}

function install(): void {
  for (const trap of TRAPS) {
    const holder = trap.holder();
    const original = holder === undefined ? undefined : (holder as Record<string, unknown>)[trap.key];
    if (holder === undefined || typeof original !== 'function') continue;
    saved.push({ holder, key: trap.key, descriptor: Object.getOwnPropertyDescriptor(holder, trap.key) });
    const guarded = function (this: unknown, ...args: unknown[]): unknown {
      const owner = peekRunningLoop()?.currentOwner() ?? null;
      if (owner !== null) {
        throw new RuntimeError(`${trap.name} was called in the code of host ${owner.name}: a simulated host must not read real time or randomness, or its runs cannot replay; use ${trap.instead}`);
      }
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    Object.defineProperty(holder, trap.key, { value: guarded, writable: true, configurable: true, enumerable: false });
  }
}

function restore(): void {
  for (const { holder, key, descriptor } of saved.splice(0).reverse()) {
    if (descriptor === undefined) delete (holder as Record<string, unknown>)[key];
    else Object.defineProperty(holder, key, descriptor);
  }
}
