import { fail } from '../errors.js';
import type { Future } from '../future.js';
import { DEFAULT_PORT, type InFlight } from './envelope.js';
import { RemoteError } from './errors.js';
import { Mailbox } from './mailbox.js';

/**
 * One incarnation's network endpoint: a mailbox per port, the requests
 * waiting for `serve`, and the calls waiting for their response. It lives exactly as
 * long as its incarnation: a crash empties it, and a restart gets a fresh
 * one (madsim #7: no stale socket survives a restart).
 */
export class Endpoint {
  private readonly ports = new Map<string, Mailbox>();
  /** The default port's mailbox, the one nearly every receive takes from, kept at hand. */
  private defaultMailbox: Mailbox | null = null;
  /** Requests that arrived, in order, for the serve loop. */
  readonly requests: Mailbox;
  /** Calls waiting for a response, by call id. */
  readonly calls = new Map<number, Future<unknown>>();
  /** Whether `serve` was called. */
  serving = false;
  private crashed = false;

  constructor(
    /** The incarnation's label (`r1`, `r1#2`), for messages. */
    private readonly label: string,
  ) {
    this.requests = new Mailbox(`requests to ${label}`);
  }

  /** The mailbox of `port`, made on first use. */
  mailbox(port: string): Mailbox {
    if (port === DEFAULT_PORT) return (this.defaultMailbox ??= this.newMailbox(port));
    return this.ports.get(port) ?? this.newMailbox(port);
  }

  private newMailbox(port: string): Mailbox {
    const mailbox = new Mailbox(`receive on ${this.label} (port ${port})`);
    this.ports.set(port, mailbox);
    return mailbox;
  }

  /**
   * Takes an arriving message: into its port's mailbox, to the serve loop, or
   * to the call waiting for it. Returns a note for the trace: empty, or why a
   * response found no call to answer.
   */
  accept(message: InFlight): string {
    if (this.crashed) fail(`a message was delivered to ${this.label} after it crashed`);
    if (message.kind === 'message') this.mailbox(message.port).put(message);
    else if (message.kind === 'request') this.requests.put(message);
    else return this.answer(message);
    return '';
  }

  /** The power cut: every message and call of this incarnation is gone. */
  crash(): void {
    this.crashed = true;
    this.ports.clear();
    this.defaultMailbox = null;
    this.calls.clear();
    this.requests.clear();
  }

  /** After the crash: nothing of the incarnation is left here. */
  checkCrashed(): void {
    if (!this.crashed || this.ports.size > 0 || this.calls.size > 0 || this.requests.size > 0) fail(`${this.label} crashed but its endpoint still holds messages or calls`);
  }

  /** A response goes to the call waiting for it; one nobody waits for (timed out, or of an earlier incarnation) is dropped. */
  private answer(message: InFlight): string {
    const waiting = this.calls.get(message.callId);
    if (waiting === undefined || waiting.done()) return '(no call waits for it)';
    if (!message.failed) {
      waiting.setResult(message.message);
      return '';
    }
    const { name, message: text } = message.message as { name: string; message: string };
    waiting.setException(new RemoteError(`call #${message.callId} to ${message.from}: its handler raised ${name}${text === '' ? '' : `: ${text}`}`, message.from));
    return '';
  }
}
