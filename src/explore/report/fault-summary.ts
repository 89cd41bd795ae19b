import type { TraceEvent } from './trace.js';

/** How many faults the summary names before it says how many more there were. */
const SHOWN = 12;

/**
 * The faults a simulated world injected in a run, in words, from its trace:
 * `partition {r1} | {r2, r3} (random, for 271 ms) at t=177`, `crash r2
 * incarnation 1 (random) at t=300`, `drop #9 c1 -> r2 call #5 (loss) at
 * t=31`. A drop or hold that a partition or a clog caused is left out: the
 * partition or clog is the fault. A message's payload is left out too. An
 * empty list for a run without a world, or a fault-free one.
 *
 * @example
 * summarizeFaults(result.failure.trace); // ['partition {server} | {client} (random, for 100 ms) at t=0']
 */
export function summarizeFaults(trace: readonly TraceEvent[]): string[] {
  const faults: string[] = [];
  for (const event of trace) {
    if (event.type !== 'world' || !event.fault || isConsequence(event.action, event.detail)) continue;
    const detail = withoutPayload(event.detail);
    faults.push(`${event.action}${event.host === null ? '' : ` ${event.host}`}${detail === '' ? '' : ` ${detail}`} at t=${event.timeMs}`);
  }
  return faults;
}

/** The report's line for the faults: none when the world injected none. */
export function faultLine(trace: readonly TraceEvent[]): string[] {
  const faults = summarizeFaults(trace);
  if (faults.length === 0) return [];
  const more = faults.length > SHOWN ? `; and ${faults.length - SHOWN} more` : '';
  return [`  faults (${faults.length}): ${faults.slice(0, SHOWN).join('; ')}${more}`];
}

/** A message dropped by a partition, or held by a clog: the partition or clog is the fault. */
function isConsequence(action: string, detail: string): boolean {
  return (action === 'drop' && detail.endsWith('(partition)')) || (action === 'hold' && detail.endsWith('(clogged)'));
}

/** `#1 c3 -> r2 call #1: {...} (in 3 ms)` without the message: `#1 c3 -> r2 call #1 (in 3 ms)`. */
function withoutPayload(detail: string): string {
  const match = /^(#\d+ \S+ -> \S+ [^:]*): .*?( \([^()]*\))?$/.exec(detail);
  return match === null ? detail : `${match[1]}${match[2] ?? ''}`;
}
