import type { TimerNode, TimerSlot } from '../loop/timer-heap.js';
import type { Link } from './link.js';

/**
 * What travels between hosts: a plain message, a request of `host.call`, or
 * the response to one.
 *
 * @example
 * world.rule((envelope) => (envelope.kind === 'response' ? 'drop' : 'pass')); // every call times out
 */
export type MessageKind = 'message' | 'request' | 'response';

/**
 * A message as it arrives, and as a network rule sees it in flight: who sent
 * it to whom, on which port, and the message itself (the receiver's own copy).
 *
 * @example
 * const { from, message } = yield* host.receive<{ op: string }>();
 */
export interface Envelope<T = unknown> {
  /** The message's number in this run: its send and its delivery carry the same in the trace. */
  readonly id: number;
  readonly from: string;
  readonly to: string;
  /** The mailbox it is for: `default` unless the sender named one. */
  readonly port: string;
  readonly kind: MessageKind;
  readonly message: T;
}

/** The port of a message sent without one. */
export const DEFAULT_PORT = 'default';

/** What the network does on arrival: a message's own timer node fires it. */
export interface Arrivals {
  arrive(message: InFlight): void;
}

/**
 * A message in flight. It is its own node in the loop's timer heap (as a
 * sleeping task is), so a message costs no timer handle; the node belongs to
 * no host, so a crash of its sender leaves it in flight, as in TigerBeetle's
 * network. Each delivered copy of a duplicated message is its own InFlight.
 */
export class InFlight<T = unknown> implements Envelope<T>, TimerNode {
  /** @internal */
  timerSlot: TimerSlot = 'off';
  /** @internal */
  sequence = 0;
  /** @internal */
  deadlineMs = 0;
  readonly owner = null;

  constructor(
    readonly id: number,
    readonly from: string,
    readonly to: string,
    readonly port: string,
    readonly kind: MessageKind,
    readonly message: T,
    /** For a request or a response: the call it belongs to; 0 for a plain message. */
    readonly callId: number,
    /** For a response: whether it carries the handler's error rather than its result. */
    readonly failed: boolean,
    /** @internal The link it travels on. */
    readonly link: Link,
    /** @internal The link's cut count when it left: a cut since then loses it (see Link). */
    readonly cutEpoch: number,
    /** 1, or 2 for the copy of a duplicated message. */
    readonly copy: number,
    private readonly network: Arrivals,
  ) {}

  /** @internal Its turn in the ready queue came: it arrives (unless it was taken out of the heap since). */
  fireTimer(): void {
    if (this.timerSlot !== 'due') return;
    this.timerSlot = 'off';
    this.network.arrive(this);
  }

  /** A second copy, with its own timer node, for a duplicate. */
  duplicate(message: T): InFlight<T> {
    return new InFlight(this.id, this.from, this.to, this.port, this.kind, message, this.callId, this.failed, this.link, this.cutEpoch, 2, this.network);
  }
}
