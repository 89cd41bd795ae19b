import { peekRunningLoop } from '../loop/running.js';
import type { ChoicePoints } from './choice-points.js';
import { worldAt } from './registry.js';
import type { WorldTrace } from './world-trace.js';

/** FoundationDB's odds: a site is enabled in a run with p 0.25, and an enabled site fires with p 0.25 each time. */
const ODDS = [0.75, 0.25] as const;

/**
 * The BUGGIFY sites of one world: the one place that asks for a `buggify`
 * choice. The first time a site is reached in a run, one choice says whether
 * it is enabled for the whole run; each time an enabled site is reached, one
 * choice says whether it fires. Choice 0 is "not enabled" and "does not
 * fire", so the fault-free run never fires one.
 */
export class BuggifySites {
  private readonly enabled = new Map<string, boolean>();

  constructor(
    private readonly points: ChoicePoints,
    private readonly trace: WorldTrace,
  ) {}

  /** Whether `site` fires now, in the code of the incarnation labelled `label`. */
  reached(site: string, label: string): boolean {
    if (!this.points.active) return false;
    let enabled = this.enabled.get(site);
    if (enabled === undefined) {
      enabled = this.points.ask('buggify', 'enable', 2, ODDS) === 1;
      this.enabled.set(site, enabled);
    }
    if (!enabled || this.points.ask('buggify', 'fire', 2, ODDS) === 0) return false;
    if (this.trace.on) this.trace.event('buggify', label, JSON.stringify(site), true);
    return true;
  }
}

/**
 * A fault point in your own code (FoundationDB's BUGGIFY): true when the
 * simulation decides that this run takes the rare path here. Put it where a
 * real system may do something unusual but legal (a smaller batch, a
 * spurious retry, a slower path), so tests reach it. In an exploring run each
 * site is enabled once with probability 0.25 and then fires with probability
 * 0.25 each time it is reached; every decision is a recorded choice, so a
 * failure shrinks and replays with it. Outside a host's code, in a plain
 * `run()`, in the fault-free run and after the world heals, it is false.
 *
 * @example
 * if (buggify('replica: drop the ack')) return; // now and then, behave as if the ack was lost
 */
export function buggify(site: string): boolean {
  if (typeof site !== 'string' || site === '') throw new TypeError(`buggify(site): site must be a non-empty string naming the place, got ${String(site)}`);
  const loop = peekRunningLoop();
  const owner = loop?.currentOwner() ?? null;
  if (loop === null || owner === null) return false;
  return worldAt(loop)?.buggifyAt(site, owner.name) ?? false;
}
