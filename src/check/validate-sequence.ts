/**
 * The rules on an event's place in the sequence: each process invokes, then
 * completes that invocation exactly once, and after an `info` completion
 * issues nothing more. A completion must repeat its invocation's `f` (and for
 * `kv` its `key`), and an `ok` write or cas its value. Problems are reported at
 * the event (`ops[i]`).
 */
import type { HistoryEvent, ModelName } from './history.js';
import { HistoryFormatError } from './history-format-error.js';
import { showValue } from './show.js';

type ProcessPhase = { readonly name: 'outstanding'; readonly invoke: HistoryEvent; readonly index: number } | { readonly name: 'retired'; readonly index: number };

/** Follows every process through the events; `accept` throws at the first event out of place. */
export class SequenceChecker {
  // An idle process (never seen, or whose last operation ended ok or fail) has no entry.
  private readonly phases = new Map<number, ProcessPhase>();

  constructor(private readonly model: ModelName) {}

  accept(event: HistoryEvent, index: number): void {
    const path = `ops[${index}]`;
    const phase = this.phases.get(event.process);
    if (phase?.name === 'retired') {
      throw new HistoryFormatError(
        path,
        `process ${event.process} ended with info at ops[${phase.index}], so it issues no further operations (a client that goes on needs a fresh process id)`,
      );
    }
    if (event.type === 'invoke') {
      if (phase !== undefined) throw new HistoryFormatError(path, `a second invoke: process ${event.process} still has ops[${phase.index}] outstanding`);
      this.phases.set(event.process, { name: 'outstanding', invoke: event, index });
      return;
    }
    if (phase === undefined) throw new HistoryFormatError(path, `an ${event.type} completion, but process ${event.process} has no outstanding invoke`);
    this.checkMatch(event, phase.invoke, phase.index, path);
    if (event.type === 'info') this.phases.set(event.process, { name: 'retired', index });
    else this.phases.delete(event.process);
  }

  private checkMatch(completion: HistoryEvent, invoke: HistoryEvent, invokeIndex: number, path: string): void {
    const its = `its invoke's (ops[${invokeIndex}])`;
    if (completion.f !== invoke.f) throw new HistoryFormatError(path, `f ${showValue(completion.f)} differs from ${its} ${showValue(invoke.f)}`);
    if (this.model === 'kv' && completion.key !== invoke.key) {
      throw new HistoryFormatError(path, `key ${showValue(completion.key)} differs from ${its} ${showValue(invoke.key)}`);
    }
    if (completion.type === 'ok' && completion.f !== 'read' && !sameValue(completion.value, invoke.value)) {
      throw new HistoryFormatError(path, `an ok ${completion.f} carries its invoke's value; ${showValue(completion.value)} differs from ${its} ${showValue(invoke.value)}`);
    }
  }
}

function sameValue(a: HistoryEvent['value'], b: HistoryEvent['value']): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a[0] === b[0] && a[1] === b[1];
  return a === b;
}
