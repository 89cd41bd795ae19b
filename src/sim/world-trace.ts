import type { Loop } from '../loop/loop.js';
import type { Monitor } from '../loop/monitor.js';
import { DEFAULT_PORT, type InFlight } from './envelope.js';

/**
 * The world's events as the run's trace records them (`loop.monitor.worldEvent`):
 * every send, delivery, drop, duplicate, hold, partition, repair, crash,
 * restart, pause, resume, clock jump and BUGGIFY firing. `on` is false when
 * nothing listens, and callers then build no detail at all.
 */
export class WorldTrace {
  readonly on: boolean;
  private readonly monitor: Monitor | null;

  constructor(loop: Loop) {
    this.monitor = loop.monitor;
    this.on = this.monitor?.worldEvent !== undefined;
  }

  /** An event of a host (`host` is the incarnation's label, `r1` or `r1#2`) or of the world as a whole (null). */
  event(action: string, host: string | null, detail: string, fault: boolean): void {
    this.monitor?.worldEvent?.({ action, host, detail, fault });
  }

  /** An event of one message: `#7 r1 -> r2`, then `detail`. */
  message(action: string, host: string | null, message: InFlight, detail: string, fault: boolean): void {
    const text = detail === '' ? describeMessage(message) : `${describeMessage(message)}${detail.startsWith(':') ? '' : ' '}${detail}`;
    this.monitor?.worldEvent?.({ action, host, detail: text, fault, id: message.id, from: message.from, to: message.to });
  }
}

/** `#7 r1 -> r2`, with the port when it is not the default, and the call a request or a response belongs to. */
export function describeMessage(message: InFlight): string {
  const port = message.port === DEFAULT_PORT || message.kind !== 'message' ? '' : ` (port ${message.port})`;
  const call = message.kind === 'request' ? ` call #${message.callId}` : message.kind === 'response' ? ` reply to call #${message.callId}` : '';
  const copy = message.copy === 1 ? '' : ' (copy 2)';
  return `#${message.id} ${message.from} -> ${message.to}${port}${call}${copy}`;
}

/** A message's content in one short line, for the trace of its send. */
export function summarize(message: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(message, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
  } catch {
    text = undefined;
  }
  if (text === undefined) text = String(message);
  return text.length <= 80 ? text : `${text.slice(0, 77)}...`;
}
