import { RuntimeError } from '../errors.js';
import type { Loop } from '../loop/loop.js';
import type { ChoicePoints } from './choice-points.js';
import { copyMessage } from './copy.js';
import { InFlight, type Arrivals, type MessageKind } from './envelope.js';
import { LinkModel, type Link, type LinkOptions } from './link.js';
import { Fate, NetworkFaults, type NetworkState, type PartitionShape } from './net-faults.js';
import { Cut, describeGroup, Partitions } from './partitions.js';
import { RuleChain, type Rule, type RuleHandle } from './rules.js';
import type { ResolvedOptions } from './swarm.js';
import { Topology } from './topology.js';
import { summarize, type WorldTrace } from './world-trace.js';

/** Where an arriving message goes: the world hands it to the host's current incarnation, or says why it cannot. */
export interface Receivers {
  /** Delivers `message`; returns null when delivered, or why it was dropped (`r2 is down`). */
  receive(message: InFlight): string | null;
}

/**
 * The simulated network: it routes messages between hosts by name, with
 * their faults. Sending never suspends: a message becomes an InFlight in the
 * loop's timer heap, due after its latency, and on arrival goes to whichever
 * incarnation of its host is up then. Partitions cut links (messages on a
 * cut link are lost), holds and clogs stop them (messages wait), rules and
 * random faults decide each message's fate (see NetworkFaults).
 */
export class Network implements Arrivals, NetworkState {
  readonly rules = new RuleChain();
  private readonly faults: NetworkFaults;
  private readonly fate = new Fate();
  private readonly topology: Topology;
  private readonly partitions = new Partitions();
  private nextId = 0;

  constructor(
    private readonly loop: Loop,
    private readonly points: ChoicePoints,
    options: ResolvedOptions,
    private readonly trace: WorldTrace,
    private readonly receivers: Receivers,
  ) {
    this.topology = new Topology(LinkModel.of(options));
    this.faults = new NetworkFaults(points, options, this);
  }

  /** A host joins. */
  addHost(name: string): void {
    this.topology.add(name);
  }

  hostCount(): number {
    return this.topology.size;
  }

  /**
   * Sends `message` (already the network's own copy) from the incarnation
   * labelled `senderLabel` of host number `from` to host number `to` (their
   * order of joining). Returns the message's id.
   */
  transmit(from: number, senderLabel: string, to: number, kind: MessageKind, port: string, message: unknown, callId: number, failed: boolean): number {
    const link = this.topology.link(from, to);
    const inFlight = new InFlight(++this.nextId, link.from, link.to, port, kind, message, callId, failed, link, link.cutEpoch, 1, this);
    if (from === to) {
      // A host's messages to itself take no time and meet no fault (loopback, as in turmoil).
      if (this.trace.on) this.trace.message('send', senderLabel, inFlight, `: ${summarize(message)}`, false);
      this.enter(inFlight, 0);
      return inFlight.id;
    }
    const fate = this.fate;
    this.faults.decide(link, inFlight, fate);
    if (this.trace.on) this.traceSend(senderLabel, inFlight, fate);
    if (fate.verdict === 'drop') return inFlight.id;
    if (fate.verdict === 'hold') {
      link.inFlight++;
      fate.heldBy?.held.push(inFlight);
      return inFlight.id;
    }
    const duplicateDelayMs = fate.duplicateDelayMs;
    this.enter(inFlight, fate.delayMs);
    if (duplicateDelayMs >= 0) this.enter(inFlight.duplicate(copyMessage(message, 'a duplicate of')), duplicateDelayMs);
    return inFlight.id;
  }

  /** The arrival of a message whose latency has passed (its timer node fired). */
  arrive(message: InFlight): void {
    const link = message.link;
    if (link.cuts > 0 || link.cutEpoch !== message.cutEpoch) return this.lose(message, 'partition', true);
    if (link.holds > 0) {
      link.held.push(message);
      if (this.trace.on) this.trace.message('hold', null, message, `(${link.clogged ? 'clogged' : 'held'})`, true);
      return;
    }
    const dropped = this.receivers.receive(message);
    link.inFlight--;
    if (dropped !== null && this.trace.on) this.trace.message('drop', null, message, `(${dropped})`, false);
  }

  /** Cuts every link between hosts of different groups, both ways. */
  partition(groups: readonly (readonly string[])[]): void {
    const indices = groups.map((group) => group.map((name) => this.topology.indexOf(name, 'partition')));
    const links: Link[] = [];
    indices.forEach((group, g) =>
      indices.forEach((other, h) => {
        if (g !== h) for (const from of group) for (const to of other) links.push(this.topology.link(from, to));
      }),
    );
    this.startCut(new Cut(links, groups.map(describeGroup).join(' | '), false), '');
  }

  /** Cuts the links from each host of `from` to each host of `to`. */
  partitionOneWay(from: readonly string[], to: readonly string[]): void {
    const index = (name: string): number => this.topology.indexOf(name, 'partitionOneWay');
    const links = from.flatMap((a) => to.map((b) => this.topology.link(index(a), index(b))));
    this.startCut(new Cut(links, `${describeGroup(from)} -/-> ${describeGroup(to)}`, false), '');
  }

  /** Ends every partition, the test's and the random ones. */
  repair(): void {
    const count = this.partitions.endAll();
    if (this.trace.on) this.trace.event('repair', null, count === 1 ? '1 partition' : `${count} partitions`, false);
  }

  /** Whether no partition cuts the link from host number `from` to host number `to`. */
  connected(from: number, to: number): boolean {
    return this.topology.link(from, to).cuts === 0;
  }

  randomPartitionOn(): boolean {
    return this.partitions.random() !== null;
  }

  startRandomPartition(shape: PartitionShape): void {
    const far = new Set(shape.side);
    const near = Array.from({ length: this.topology.size }, (_, index) => index).filter((index) => !far.has(index));
    const links: Link[] = [];
    for (const a of near) {
      for (const b of shape.side) {
        if (shape.direction !== 'out') links.push(this.topology.link(a, b));
        if (shape.direction !== 'in') links.push(this.topology.link(b, a));
      }
    }
    const [nearNames, farNames] = [near, shape.side].map((group) => describeGroup(group.map((index) => this.topology.nameOf(index))));
    const arrow = shape.direction === 'both' ? '|' : shape.direction === 'out' ? '<-/-' : '-/->';
    const cut = new Cut(links, `${nearNames} ${arrow} ${farNames}`, true);
    this.startCut(cut, ` (random, for ${shape.durationMs} ms)`);
    this.asWorld(() =>
      this.loop.callLater(shape.durationMs, () => {
        if (cut.ended) return;
        this.partitions.end(cut);
        if (this.trace.on) this.trace.event('repair', null, cut.description, false);
      }),
    );
  }

  /** Holds both links between `a` and `b`: what is sent waits until `release`. */
  hold(a: string, b: string): void {
    for (const link of this.topology.pair(a, b, 'hold')) link.holds++;
    if (this.trace.on) this.trace.event('hold', null, `${a} <-> ${b}`, true);
  }

  /** Ends a hold of `hold(a, b)`; the messages it kept arrive now, in order. */
  release(a: string, b: string): void {
    const links = this.topology.pair(a, b, 'release');
    if (links.some((link) => link.holds === 0)) throw new RuntimeError(`release(${JSON.stringify(a)}, ${JSON.stringify(b)}): the link is not held`);
    if (this.trace.on) this.trace.event('release', null, `${a} <-> ${b}`, false);
    for (const link of links) this.unhold(link);
  }

  startClog(link: Link, durationMs: number): void {
    link.clogged = true;
    link.holds++;
    if (this.trace.on) this.trace.event('clog', null, `${link.toString()} for ${durationMs} ms`, true);
    this.asWorld(() =>
      this.loop.callLater(durationMs, () => {
        if (!link.clogged) return;
        this.unclog(link);
      }),
    );
  }

  /** Sets the links between `a` and `b` (both ways) apart from the world's options. */
  setLink(a: string, b: string, model: LinkModel): void {
    for (const link of this.topology.pair(a, b, 'link')) link.model = model;
  }

  overriding(options: ResolvedOptions, overrides: LinkOptions): LinkModel {
    return LinkModel.overriding(options, overrides, this.points.exploring);
  }

  rule(rule: Rule): RuleHandle {
    return this.rules.install(rule, (held) => this.releaseAll(held));
  }

  /** The liveness phase: every partition repaired, every hold and clog released, every message a rule held let go. */
  heal(): void {
    if (this.partitions.count() > 0) this.repair();
    for (const link of this.topology.made()) {
      link.clogged = false;
      link.holds = 0;
      this.releaseAll(link.held.splice(0));
    }
    this.releaseAll(this.rules.takeAllHeld());
  }

  private unclog(link: Link): void {
    link.clogged = false;
    if (this.trace.on) this.trace.event('release', null, `${link.toString()} (clog over)`, false);
    this.unhold(link);
  }

  private unhold(link: Link): void {
    link.holds--;
    if (link.holds > 0) return;
    this.releaseAll(link.held.splice(0));
  }

  /** Messages that waited arrive now, in the order they waited. */
  private releaseAll(held: readonly InFlight[]): void {
    for (const message of held) this.schedule(message, 0);
  }

  private startCut(cut: Cut, note: string): void {
    this.partitions.add(cut);
    if (this.trace.on) this.trace.event('partition', null, `${cut.description}${note}`, true);
  }

  /** A copy enters the network: on its link until it arrives or is lost. */
  private enter(message: InFlight, delayMs: number): void {
    message.link.inFlight++;
    this.schedule(message, delayMs);
  }

  private schedule(message: InFlight, delayMs: number): void {
    message.deadlineMs = this.loop.time() + delayMs;
    message.sequence = this.loop.takeSequence();
    this.loop.addTimer(message);
  }

  private lose(message: InFlight, reason: string, fault: boolean): void {
    message.link.inFlight--;
    if (this.trace.on) this.trace.message('drop', null, message, `(${reason})`, fault);
  }

  private traceSend(senderLabel: string, message: InFlight, fate: Fate): void {
    const late = fate.verdict === 'deliver' && fate.fault ? ` (in ${fate.delayMs} ms)` : '';
    this.trace.message('send', senderLabel, message, `: ${summarize(message.message)}${late}`, fate.verdict === 'deliver' && fate.fault);
    if (fate.verdict === 'drop') this.trace.message('drop', null, message, `(${fate.reason})`, fate.fault);
    else if (fate.verdict === 'hold') this.trace.message('hold', null, message, `(rule ${fate.heldBy?.number ?? '?'})`, true);
    else if (fate.duplicateDelayMs >= 0) this.trace.message('duplicate', null, message, `(copy 2 in ${fate.duplicateDelayMs} ms)`, true);
  }

  /** Runs world code (a timer of the network) as no host's, whoever's code called. */
  private asWorld(body: () => void): void {
    this.loop.withOwner(null, body);
  }
}

