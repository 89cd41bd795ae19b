// The replicated state machine: a map of registers, and the clients'
// sessions. A client numbers its requests; the machine remembers, per
// client, the last number applied and its result, so a request that a retry
// put into the log twice takes effect once, and the retry gets the first
// answer (Ongaro's dissertation, section 6.3). Filtering duplicates here, when
// entries are applied, and not when they are proposed, is what makes it work:
// a retry can reach the log while the first attempt is still uncommitted.
import type { Command, KvOperation } from '../protocol.js';
import type { Bugs } from '../variant.js';

/** What applying an operation returns to its client. */
export interface OperationResult {
  readonly value: number | null;
  readonly swapped?: boolean;
}

/** The key-value map and the sessions, as the committed entries applied so far leave them. */
export class StateMachine {
  private readonly values = new Map<string, number | null>();
  private readonly sessions = new Map<string, { seq: number; result: OperationResult }>();

  constructor(private readonly bugs: Bugs) {}

  /** Applies a committed command; null for a no-op, or a stale request a later one of its client overtook. */
  apply(command: Command): OperationResult | null {
    if (command.kind === 'noop') return null;
    const session = this.sessions.get(command.client);
    // The bug compares with < where <= belongs: a retry of the last request applied runs again.
    if (session !== undefined && (this.bugs.retryAppliedTwice ? command.seq < session.seq : command.seq <= session.seq)) return command.seq === session.seq ? session.result : null;
    const result = this.execute(command.op);
    this.sessions.set(command.client, { seq: command.seq, result });
    return result;
  }

  /** The value of `key` now (a read served without the log). */
  read(key: string): number | null {
    return this.values.get(key) ?? null;
  }

  private execute(op: KvOperation): OperationResult {
    const current = this.read(op.key);
    switch (op.f) {
      case 'read':
        return { value: current };
      case 'write':
        this.values.set(op.key, op.value);
        return { value: op.value };
      case 'cas': {
        const [expected, next] = op.value;
        if (current !== expected) return { value: current, swapped: false };
        this.values.set(op.key, next);
        return { value: next, swapped: true };
      }
    }
  }
}
