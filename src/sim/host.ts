import { fail } from '../errors.js';
import type { Operation } from '../effects.js';
import type { Task } from '../task.js';
import type { HostClock } from './clock.js';
import type { HostContext } from './host-context.js';
import type { Incarnation } from './incarnation.js';

/**
 * Where a host is: `up` (its code runs), `paused` (frozen: nothing of it
 * runs, its timers wait, messages wait in its mailbox) or `down` (crashed:
 * nothing of it is left but its machine: its clock, and later its disk).
 * Only `Host.moveTo` changes it.
 *
 * @example
 * if (world.host('r1', replica).state === 'up') console.log('r1 runs');
 */
export type HostState = 'up' | 'paused' | 'down';

function isLegalMove(from: HostState, to: HostState): boolean {
  if (from === 'up') return to !== 'up';
  if (from === 'paused') return to !== 'paused';
  return to === 'up';
}

/**
 * What boots a host: a generator function given the host's context, run as
 * the host's first task (`boot`) at each incarnation. What it makes is the
 * incarnation's memory; module-level state is outside the simulation and
 * survives a crash, so code meant to be crashed keeps its state in what boot
 * creates.
 *
 * @example
 * const boot: Boot = function* (host) { host.serve(function* (request) { return request; }); };
 */
export type Boot = (host: HostContext) => Operation<unknown>;

/**
 * How `world.host(name, boot, options)` sets up one host.
 *
 * @example
 * world.host('client', client, { protected: true, clockOffsetMs: -250 });
 */
export interface HostOptions {
  /** Random faults never crash or pause it (FoundationDB's protected addresses); the test still may. Default false. */
  protected?: boolean;
  /** A fixed offset of its wall clock from virtual time, within the world's clockSkewMaxMs. Default 0. */
  clockOffsetMs?: number;
  /** A fixed drift of its wall clock, in ppm; when absent and the run explores, the drift is a choice. */
  clockDriftPpm?: number;
}

/**
 * A part of a host's machine that outlives its incarnations and must hear of
 * a crash: the clock, and (in the storage issue) the disk, whose crash drops
 * what was not fsynced. A crash calls `crash()` on every part and then
 * `checkCrashed()`, which throws if anything of the dead incarnation is left;
 * each boot calls `boot(incarnation)` before the boot task starts.
 *
 * @example
 * const part: HostPart = { crash() {}, checkCrashed() {}, boot() {} };
 */
export interface HostPart {
  crash(): void;
  checkCrashed(): void;
  boot(incarnation: number): void;
}

/**
 * A simulated machine, as the test sees it: its name, its state, its
 * current incarnation and that incarnation's boot task. `world.host()`
 * returns it; `world.crash`, `restart`, `pause` and `resume` change it.
 *
 * @example
 * const r1 = world.host('r1', replica);
 * world.crash('r1');
 * r1.state; // 'down'
 */
export class Host {
  private stateValue: HostState = 'down';
  private boots = 0;
  /** @internal The incarnation that is up or paused, or null while down. */
  current: Incarnation | null = null;
  /** @internal When it last went down, for messages. */
  downSinceMs = 0;

  constructor(
    readonly name: string,
    /** @internal Its place among the world's hosts, from 0: the network's links are indexed by it. */
    readonly index: number,
    /** @internal */
    readonly boot: Boot,
    /** Whether random faults leave it alone (see HostOptions). */
    readonly isProtected: boolean,
    /** Its wall clock, which survives its crashes. */
    readonly clock: HostClock,
    /** @internal The parts of its machine, told of every crash and boot. */
    readonly parts: readonly HostPart[],
  ) {}

  get state(): HostState {
    return this.stateValue;
  }

  /** How many times it has booted: 1 for the first incarnation, 2 after a restart, and so on. */
  get incarnation(): number {
    return this.boots;
  }

  /** The current incarnation's boot task, or null while the host is down. */
  get task(): Task<unknown> | null {
    return this.current?.task ?? null;
  }

  /** `r1` for the first incarnation, `r1#2` for the second: how traces and errors name an incarnation. */
  labelOf(incarnation: number): string {
    return incarnation === 1 ? this.name : `${this.name}#${incarnation}`;
  }

  toString(): string {
    return `host ${this.name}`;
  }

  /** @internal The number the next incarnation takes. */
  nextIncarnation(): number {
    return ++this.boots;
  }

  /** @internal The one place a host's state changes. */
  moveTo(next: HostState): void {
    if (!isLegalMove(this.stateValue, next)) fail(`${this.toString()}: illegal move ${this.stateValue} -> ${next}`);
    this.stateValue = next;
  }
}
