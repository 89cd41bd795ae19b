import type { Prng } from '../explore/choices/prng.js';
import type { Loop } from '../loop/loop.js';
import type { Owner } from '../loop/owner.js';
import type { Task } from '../task.js';
import { Endpoint } from './endpoint.js';
import type { MessageKind } from './envelope.js';
import { HostDownError } from './errors.js';
import { HostContext } from './host-context.js';
import type { Host } from './host.js';
import { hostPrng } from './random.js';

/** @internal What a host's context asks of its world. */
export interface HostServices {
  readonly loop: Loop;
  /** Sends from `sender`: checks the target, copies the message, hands it to the network, and lets the crash stream have its say. */
  send(sender: Incarnation, to: string, kind: MessageKind, port: string, message: unknown, callId: number, failed: boolean): void;
  /** A fresh call id, unique in the run, so a late response never answers another incarnation's call. */
  nextCallId(): number;
  /** The seed of every host's random() in this run. */
  runSeed(): number;
}

/**
 * One life of a host, from a boot to the crash that ends it: the kernel
 * owner of everything its code makes, its network endpoint, its context and
 * its boot task. A crash abandons the owner (none of its code runs again)
 * and empties the endpoint; a restart is a new incarnation with a new owner.
 */
export class Incarnation {
  readonly endpoint: Endpoint;
  readonly context: HostContext;
  task: Task<unknown> | null = null;
  /** When it crashed, or null while it lives. */
  crashedAtMs: number | null = null;
  /** The host this incarnation last sent to, by name: most code sends to the same few hosts again and again. */
  lastTarget: Host | null = null;
  private prng: Prng | null = null;

  constructor(
    readonly host: Host,
    readonly number: number,
    readonly owner: Owner,
    readonly services: HostServices,
  ) {
    this.endpoint = new Endpoint(owner.name);
    this.context = new HostContext(this);
  }

  /** `r1`, `r1#2`: the owner's name, as traces show it. */
  get label(): string {
    return this.owner.name;
  }

  /** A number in [0, 1) from this incarnation's own generator (see RunSeed). */
  random(): number {
    this.prng ??= hostPrng(this.services.runSeed(), this.host.name, this.number);
    return this.prng.nextFloat();
  }

  /** Throws HostDownError when this incarnation has crashed: a dead context can do nothing. */
  checkAlive(operation: string): void {
    if (this.crashedAtMs === null) return;
    throw new HostDownError(
      `${operation} on ${this.label}, an incarnation of ${this.host.name} that crashed at t=${this.crashedAtMs}: its context is dead (the host's current context is the one its boot got last)`,
      this.host.name,
    );
  }
}
