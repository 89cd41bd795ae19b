import type { Operation } from '../effects.js';
import { RuntimeError } from '../errors.js';
import type { Loop } from '../loop/loop.js';
import { getRunningLoop } from '../loop/running.js';
import { BuggifySites } from './buggify.js';
import { ChoicePoints } from './choice-points.js';
import { ClockFaults } from './clock-faults.js';
import { HostClock } from './clock.js';
import { copyMessage } from './copy.js';
import type { MessageKind } from './envelope.js';
import { HostFaults } from './host-faults.js';
import { Host, type Boot, type HostOptions } from './host.js';
import { Hosts } from './hosts.js';
import type { HostServices, Incarnation } from './incarnation.js';
import { LINK_OPTION_NAMES, type LinkOptions } from './link.js';
import { awaitConvergence, type LivenessOptions } from './liveness.js';
import { Network } from './network.js';
import { checkOptions, type WorldOptions } from './options.js';
import { RunSeed } from './random.js';
import { registerWorld, type WorldHooks } from './registry.js';
import type { Rule, RuleHandle } from './rules.js';
import { resolveOptions, type ResolvedOptions } from './swarm.js';
import { trapGlobals } from './traps.js';
import { WorldTrace } from './world-trace.js';

const HOST_OPTION_NAMES: ReadonlySet<string> = new Set(['protected', 'clockOffsetMs', 'clockDriftPpm']);

/**
 * Creates the simulated world of this run: call it in main, then add hosts.
 * Under `run()` the world is fault-free; under `explore` (and `replay`,
 * `simTest`, the CLI) every fault is a recorded choice, so a failing run
 * shrinks to the few faults that matter and replays from one line.
 *
 * @example
 * function* main() {
 *   const world = createWorld({ lossProbability: 0.1 });
 *   world.host('server', server);
 *   const client = world.host('client', clientBoot, { protected: true });
 *   yield* client.task!;
 * }
 */
export function createWorld(options: WorldOptions = {}): World {
  return new World(getRunningLoop(), options);
}

/**
 * A simulated world: hosts that boot, crash, restart and pause; a network
 * between them that delays, loses, duplicates, holds and partitions; skewed
 * clocks; BUGGIFY sites; and, to close a test, the liveness phase. Made by
 * `createWorld`, one per run.
 *
 * @example
 * const world = createWorld();
 * world.host('r1', replica);
 * world.partition([['r1'], ['r2', 'r3']]);
 * yield* sleep(1_000);
 * world.repair();
 */
export class World implements WorldHooks, HostServices {
  /** The options as this run uses them: defaults filled in, swarm parameters drawn. */
  readonly options: ResolvedOptions;
  private readonly points: ChoicePoints;
  private readonly trace: WorldTrace;
  private readonly network: Network;
  private readonly hostTable: Hosts;
  private readonly clockFaults: ClockFaults;
  private readonly buggifySites: BuggifySites;
  private readonly seed: RunSeed;
  private callIds = 0;

  /** @internal Use createWorld(). */
  constructor(
    readonly loop: Loop,
    options: WorldOptions,
  ) {
    checkOptions(options, 'createWorld');
    if (!registerWorld(loop, this)) throw new RuntimeError('createWorld: this run has a world already (one world per run)');
    this.points = new ChoicePoints(loop.policy);
    this.options = resolveOptions(options, this.points);
    this.trace = new WorldTrace(loop);
    this.hostTable = new Hosts(loop, this.trace, new HostFaults(this.points, this.options), this);
    this.network = new Network(loop, this.points, this.options, this.trace, this.hostTable);
    this.clockFaults = new ClockFaults(this.points, this.options.clockJump);
    this.buggifySites = new BuggifySites(this.points, this.trace);
    this.seed = new RunSeed(this.points);
    if (this.options.trapGlobals) trapGlobals(loop);
  }

  /**
   * Adds a host named `name` and boots it: `boot(host)` runs as the host's
   * first task, `boot`. Names are unique. Returns the host, whose state,
   * incarnation and boot task the test may read.
   */
  host(name: string, boot: Boot, options: HostOptions = {}): Host {
    if (typeof name !== 'string' || name === '' || /[\s#]/.test(name)) {
      throw new TypeError(`world.host(name, boot): name must be a non-empty string without spaces or '#', got ${typeof name === 'string' ? JSON.stringify(name) : String(name)}`);
    }
    if (this.hostTable.has(name)) throw new RuntimeError(`world.host: there is a host named ${JSON.stringify(name)} already`);
    if (typeof boot !== 'function') throw new TypeError(`world.host(${JSON.stringify(name)}, boot): boot must be a generator function (function* (host) { ... }), got ${typeof boot}`);
    checkOptions(options, `world.host(${JSON.stringify(name)})`, HOST_OPTION_NAMES);
    const clock = this.clockFor(name, options);
    // The parts of the machine that outlive an incarnation, each told of every crash and boot (the storage issue adds the disk).
    const host = new Host(name, this.hostTable.list.length, boot, options.protected === true, clock, [clock]);
    this.hostTable.add(host);
    this.network.addHost(name);
    this.hostTable.boot(host);
    return host;
  }

  /** Every host, in the order they were added. */
  hosts(): readonly Host[] {
    return this.hostTable.list;
  }

  /** Crashes `name` now: a power cut (no `finally` runs), its memory gone. HostDownError if it is down. */
  crash(name: string): void {
    this.hostTable.crash(this.hostTable.get(name, 'world.crash'), false);
  }

  /** Boots `name` again as a new incarnation with fresh memory; a host that is up is crashed first. */
  restart(name: string): void {
    this.hostTable.restart(this.hostTable.get(name, 'world.restart'));
  }

  /** Freezes `name`: none of its code runs and its timers wait; messages for it wait in its mailbox. */
  pause(name: string): void {
    this.hostTable.pause(this.hostTable.get(name, 'world.pause'), false);
  }

  /** Thaws a paused host; its timers fire shifted by the time it was paused. */
  resume(name: string): void {
    this.hostTable.resume(this.hostTable.get(name, 'world.resume'));
  }

  /**
   * Partitions the network: no message crosses between hosts of different
   * groups, either way, until `repair()`; messages in flight across are lost.
   * Hosts in no group keep their links.
   */
  partition(groups: readonly (readonly string[])[]): void {
    if (!Array.isArray(groups) || groups.length < 2 || groups.some((group) => !Array.isArray(group))) {
      throw new TypeError('world.partition(groups): groups must be two or more arrays of host names, e.g. [["r1"], ["r2", "r3"]]');
    }
    const seen = new Set<string>();
    for (const name of groups.flat()) {
      this.hostTable.get(name, 'world.partition');
      if (seen.has(name)) throw new RuntimeError(`world.partition: host ${JSON.stringify(name)} is in two groups`);
      seen.add(name);
    }
    this.network.partition(groups);
  }

  /** Cuts the network one way: messages from `from` to `to` are lost until `repair()`; the other way still works. */
  partitionOneWay(from: string | readonly string[], to: string | readonly string[]): void {
    const [sources, targets] = [from, to].map((side) => (typeof side === 'string' ? [side] : [...side]));
    for (const name of [...sources!, ...targets!]) this.hostTable.get(name, 'world.partitionOneWay');
    this.network.partitionOneWay(sources!, targets!);
  }

  /**
   * Whether a message sent now from `from` to `to` could cross: no partition
   * cuts the link (a hold or a clog only delays it).
   */
  connected(from: string, to: string): boolean {
    return this.network.connected(this.hostTable.get(from, 'world.connected').index, this.hostTable.get(to, 'world.connected').index);
  }

  /** Ends every partition, the test's and the random ones. */
  repair(): void {
    this.network.repair();
  }

  /** Holds the links between `a` and `b`: what is sent either way waits, in order, until `release(a, b)` (turmoil's hold). */
  hold(a: string, b: string): void {
    this.network.hold(a, b);
  }

  /** Ends a hold: the messages it kept arrive now. */
  release(a: string, b: string): void {
    this.network.release(a, b);
  }

  /** Sets the links between `a` and `b` (both ways) apart from the world's options: their latency, loss, duplication, capacity. */
  link(a: string, b: string, options: LinkOptions): void {
    checkOptions(options, `world.link(${JSON.stringify(a)}, ${JSON.stringify(b)})`, LINK_OPTION_NAMES, this.options as unknown as Record<string, number>);
    this.network.setLink(a, b, this.network.overriding(this.options, options));
  }

  /** Installs a network rule (see Rule); the handle removes it. */
  rule(rule: Rule): RuleHandle {
    return this.network.rule(rule);
  }

  /**
   * Ends the fault phase (TigerBeetle's transition to liveness mode): no new
   * random fault from now on, every partition repaired, holds, clogs and rule
   * holds released, every host that is down restarted, every paused host resumed.
   */
  heal(): void {
    if (this.trace.on) this.trace.event('heal', null, 'no new faults from now on', false);
    this.points.heal();
    this.network.heal();
    this.hostTable.heal();
  }

  /**
   * `yield* world.liveness(converged, { withinMs })`: heals the world, then
   * waits until `converged()` is true, checking it every `pollMs` (default
   * 10); LivenessError "no convergence within X ms after healing at t=Y"
   * when it is still false after `withinMs`.
   */
  liveness(converged: () => boolean, options: LivenessOptions): Operation<void> {
    this.heal();
    return awaitConvergence(this.loop, converged, options);
  }

  /** @internal BUGGIFY in the code of `label`. */
  buggifyAt(site: string, label: string): boolean {
    return this.buggifySites.reached(site, label);
  }

  /** @internal */
  send(sender: Incarnation, to: string, kind: MessageKind, port: string, message: unknown, callId: number, failed: boolean): void {
    const last = sender.lastTarget;
    const target = last !== null && last.name === to ? last : (this.hostTable.find(to) ?? this.hostTable.unknown(to, `${sender.label}: ${kind === 'request' ? 'call' : 'send'}`));
    sender.lastTarget = target;
    const copy = copyMessage(message, `${sender.label} sent ${target.name}`);
    this.network.transmit(sender.host.index, sender.label, target.index, kind, port, copy, callId, failed);
    if (target !== sender.host) this.hostTable.sent(sender);
  }

  /** @internal */
  nextCallId(): number {
    return ++this.callIds;
  }

  /** @internal */
  runSeed(): number {
    return this.seed.get();
  }

  private clockFor(name: string, options: HostOptions): HostClock {
    const { clockSkewMaxMs: maxSkewMs, clockDriftMaxPpm } = this.options;
    const offsetMs = options.clockOffsetMs ?? 0;
    if (Math.abs(offsetMs) > maxSkewMs) {
      throw new RangeError(`world.host(${JSON.stringify(name)}): clockOffsetMs ${offsetMs} is beyond the world's clockSkewMaxMs (${maxSkewMs})`);
    }
    const driftPpm = options.clockDriftPpm ?? this.clockFaults.driftPpm(clockDriftMaxPpm);
    const onJump = (jumpMs: number, offsetNowMs: number): void => {
      const label = this.hostTable.get(name, 'clock').current?.label ?? name;
      if (this.trace.on) this.trace.event('clock-jump', label, `${jumpMs >= 0 ? '+' : ''}${jumpMs} ms (offset now ${offsetNowMs} ms)`, true);
    };
    return new HostClock(this.loop, this.options.epochMs, maxSkewMs, offsetMs, driftPpm, this.clockFaults, onJump);
  }
}
