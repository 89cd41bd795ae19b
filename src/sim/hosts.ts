import { RuntimeError } from '../errors.js';
import { showValue } from '../show.js';
import type { Operation } from '../effects.js';
import type { Loop } from '../loop/loop.js';
import { Owner } from '../loop/owner.js';
import { Task } from '../task.js';
import type { InFlight } from './envelope.js';
import { HostDownError, HostError } from './errors.js';
import type { HostFaults } from './host-faults.js';
import { Host } from './host.js';
import { Incarnation, type HostServices } from './incarnation.js';
import type { Receivers } from './network.js';
import type { WorldTrace } from './world-trace.js';

/**
 * The hosts of a world and their lives: boot, crash, restart, pause and
 * resume, by the test or at random (HostFaults decides when), and the
 * delivery of each arriving message to the incarnation that is up.
 */
export class Hosts implements Receivers {
  private readonly byName = new Map<string, Host>();
  readonly list: Host[] = [];

  constructor(
    private readonly loop: Loop,
    private readonly trace: WorldTrace,
    private readonly faults: HostFaults,
    private readonly services: HostServices,
  ) {}

  add(host: Host): void {
    this.byName.set(host.name, host);
    this.list.push(host);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The host named `name`, or undefined. */
  find(name: string): Host | undefined {
    return this.byName.get(name);
  }

  /** The host named `name`; RuntimeError naming `operation` and the hosts there are when there is none. */
  get(name: unknown, operation: string): Host {
    const host = typeof name === 'string' ? this.byName.get(name) : undefined;
    if (host !== undefined) return host;
    return this.unknown(name, operation);
  }

  /** The RuntimeError for a name that is no host's. */
  unknown(name: unknown, operation: string): never {
    const known = this.list.map((each) => each.name).join(', ');
    throw new RuntimeError(`${operation}: unknown host ${typeof name === 'string' ? JSON.stringify(name) : String(name)} (the hosts are ${known === '' ? 'none yet' : known})`);
  }

  /** A new incarnation of `host` boots: a new owner, fresh memory, its parts told, its boot task started. */
  boot(host: Host): void {
    const number = host.nextIncarnation();
    const owner = new Owner(host.labelOf(number), this.loop);
    const life = new Incarnation(host, number, owner, this.services);
    let operation: Operation<unknown>;
    try {
      operation = this.loop.withOwner(owner, () => startBoot(host, life));
    } catch (error) {
      this.loop.abandon(owner);
      throw error;
    }
    for (const part of host.parts) part.boot(number, owner);
    host.current = life;
    host.moveTo('up');
    if (this.trace.on) this.trace.event(number === 1 ? 'boot' : 'restart', life.label, `incarnation ${number}`, false);
    const task = this.loop.withOwner(owner, () => new Task(operation, { loop: this.loop, name: 'boot' }));
    life.task = task;
    task.addDoneCallback(() => {
      if (task.cancelled()) return;
      const error = task.exception();
      if (error !== undefined) throw new HostError(`the boot task of ${life.label} raised ${describe(error)}`, life.label, { cause: error });
    });
  }

  /** The power cut: the incarnation's code never runs again, its memory is gone; `random` faults restart it after a downtime. */
  crash(host: Host, random: boolean): void {
    const life = this.live(host, 'crash');
    if (this.loop.currentOwner() === life.owner) throw new RuntimeError(`crash(${JSON.stringify(host.name)}) was called from ${life.label}'s own code: a host cannot pull its own plug`);
    this.loop.abandon(life.owner);
    life.crashedAtMs = this.loop.time();
    life.endpoint.crash();
    life.endpoint.checkCrashed();
    for (const part of host.parts) part.crash();
    for (const part of host.parts) part.checkCrashed();
    host.current = null;
    host.downSinceMs = this.loop.time();
    host.moveTo('down');
    if (this.trace.on) this.trace.event('crash', life.label, `incarnation ${life.number}${random ? ' (random)' : ''}`, true);
    if (random) this.later(this.faults.downtimeMs(), () => host.state === 'down' && host.incarnation === life.number && this.boot(host));
  }

  /** Boots `host` again; a host that is up is crashed first (a reboot). */
  restart(host: Host): void {
    if (host.state !== 'down') this.crash(host, false);
    this.boot(host);
  }

  /** Freezes `host`; a `random` pause ends after one of a few fixed spans. */
  pause(host: Host, random: boolean): void {
    const life = this.live(host, 'pause');
    if (host.state === 'paused') throw new RuntimeError(`cannot pause ${host.name}: it is paused already`);
    this.loop.pause(life.owner);
    host.moveTo('paused');
    if (this.trace.on) this.trace.event('pause', life.label, random ? '(random)' : '', true);
    if (random) this.later(this.faults.pauseMs(), () => host.current === life && host.state === 'paused' && this.resume(host));
  }

  resume(host: Host): void {
    const life = this.live(host, 'resume');
    if (host.state !== 'paused') throw new RuntimeError(`cannot resume ${host.name}: it is not paused`);
    this.loop.resume(life.owner);
    host.moveTo('up');
    if (this.trace.on) this.trace.event('resume', life.label, '', false);
  }

  /** A message arrives for its host: dropped if the host is down; the crash stream may crash or pause the host first. */
  receive(message: InFlight): string | null {
    const host = this.list[message.link.target] as Host;
    if (host.state !== 'down' && message.from !== message.to) this.randomFault(host, 'now');
    const life = host.current;
    if (life === null) return `${host.name} is down`;
    const note = life.endpoint.accept(message);
    if (this.trace.on) this.trace.message('deliver', life.label, message, note, false);
    return null;
  }

  /** A message left `sender`: the crash stream may crash or pause its host just after (once the sending step is over). */
  sent(sender: Incarnation): void {
    this.randomFault(sender.host, 'after this step');
  }

  /** The liveness phase: every host that is down boots again, every paused host resumes. */
  heal(): void {
    for (const host of this.list) {
      if (host.state === 'down') this.boot(host);
      else if (host.state === 'paused') this.resume(host);
    }
  }

  /** Asks the crash stream about `host` at one of its messages, and applies the fault now or once the current step is over. */
  private randomFault(host: Host, when: 'now' | 'after this step'): void {
    if (!this.faults.possible) return;
    const crashable = this.list.filter((each) => !each.isProtected);
    const unavailable = crashable.filter((each) => each.state !== 'up').length;
    const fault = this.faults.atMessage(host, unavailable, crashable.length);
    if (fault === 'none') return;
    const life = host.current;
    const apply = (): void => {
      if (host.current !== life || host.state !== 'up') return;
      if (fault === 'crash') this.crash(host, true);
      else this.pause(host, true);
    };
    if (when === 'now') apply();
    else this.loop.withOwner(null, () => this.loop.callSoon(apply));
  }

  /** A world timer, owned by no host, so no crash cancels it. */
  private later(delayMs: number, callback: () => void): void {
    this.loop.withOwner(null, () => this.loop.callLater(delayMs, callback));
  }

  private live(host: Host, operation: string): Incarnation {
    const life = host.current;
    if (life === null) throw new HostDownError(`cannot ${operation} ${host.name}: it is down (since t=${host.downSinceMs})`, host.name);
    return life;
  }
}

/** Calls the host's boot function (as its code: the caller runs it as the incarnation's owner), and checks it gave a generator. */
function startBoot(host: Host, life: Incarnation): Operation<unknown> {
  const operation = host.boot(life.context) as unknown;
  const candidate = operation as Partial<Operation<unknown>> | null;
  if (candidate === null || typeof candidate !== 'object' || typeof candidate.next !== 'function' || typeof candidate.throw !== 'function') {
    throw new TypeError(`the boot of ${host.name} must be a generator function (function* (host) { ... }), but it returned ${showValue(operation)}`);
  }
  return candidate as Operation<unknown>;
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message === '' ? value.name : `${value.name}: ${value.message}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
