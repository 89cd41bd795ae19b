/**
 * The handle of one recorded operation: a state machine `pending` → `ok` |
 * `fail` | `info`, moved once, by `complete`; a second completion throws at
 * the call.
 */
import type { OperationStatus } from './history.js';

type HandlePhase = 'pending' | OperationStatus;

/**
 * An invoked operation, waiting for its completion. `ok(output)` records that
 * it took effect (a read passes the value read), `fail()` that it certainly
 * did not, `info()` that its outcome is unknown (a timeout, a crash).
 *
 * @example
 * const read = recorder.invoke('client-1', { f: 'read', key: 'x' });
 * read.ok(1);
 * read.info(); // throws: already completed ok
 */
export class OperationHandle<Output> {
  private phase: HandlePhase = 'pending';

  constructor(
    /** The process id the operation was recorded under. */
    readonly process: number,
    private readonly onComplete: (status: OperationStatus, output: Output | undefined) => void,
  ) {}

  /** It took effect and returned `output` (a write or a cas need none). */
  ok(output?: Output): void {
    this.complete('ok', output);
  }

  /** It certainly did not take effect. */
  fail(): void {
    this.complete('fail', undefined);
  }

  /** Its outcome is unknown: it may take effect at any time from its invocation on, or never. */
  info(): void {
    this.complete('info', undefined);
  }

  private complete(status: OperationStatus, output: Output | undefined): void {
    if (this.phase !== 'pending') throw new Error(`OperationHandle.${status}: the operation already completed ${this.phase}`);
    this.onComplete(status, output);
    this.phase = status;
  }
}
