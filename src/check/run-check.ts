/**
 * The linearizability check as a check of a whole simulated run: after each
 * explored run, the history its clients recorded is judged, and a history
 * that is not linearizable (or that the budget cannot decide) fails the run,
 * with the checker's explanation in the report and its per-key view in the
 * run's HTML. It returns plain data, so this module knows nothing of the
 * explorer that calls it.
 */
import { checkLinearizability, type CheckOptions } from './check.js';
import { formatCheckResult } from './explain.js';
import type { History } from './history.js';
import { renderHistorySection } from './html.js';
import type { Model } from './model.js';

/**
 * What a failed end-of-run check reports (the shape explore's RunCheck returns).
 *
 * @example
 * const finding: LinearizabilityFinding | null = linearizabilityCheck(() => recorder)();
 */
export interface LinearizabilityFinding {
  readonly name: 'NotLinearizable' | 'LinearizabilityUnknown';
  readonly summary: string;
  readonly explanation: readonly string[];
  readonly html: string;
}

/**
 * The recorder of the run just made (a HistoryRecorder is one), or any
 * history with the model to judge it by.
 *
 * @example
 * const source: HistorySource<Scalar, RegisterInput, Scalar> = recorder;
 */
export interface HistorySource<State, Input, Output> {
  readonly history: History<Input, Output>;
  readonly model: Model<State, Input, Output>;
}

/**
 * A check of each explored run: judges the history `source()` gives (the
 * recorder the run's clients wrote to) and fails the run when it is not
 * linearizable, or when the budget ran out before a verdict (so a check that
 * could not decide is never a silent pass; raise `maxStates` if it happens).
 *
 * @example
 * let recorder: HistoryRecorder | undefined;
 * function* main() { recorder = new HistoryRecorder('kv', () => getRunningLoop().time()); ... }
 * explore(main, { check: linearizabilityCheck(() => recorder) });
 */
export function linearizabilityCheck<State, Input, Output>(
  source: () => HistorySource<State, Input, Output> | undefined,
  options: CheckOptions = {},
): () => LinearizabilityFinding | null {
  return () => {
    const given = source();
    if (given === undefined) return null;
    const result = checkLinearizability(given.history, given.model, options);
    if (result.verdict === 'linearizable') return null;
    const explanation = formatCheckResult(result);
    const failing = result.parts.filter((part) => part.verdict !== 'linearizable').map((part) => (part.key === undefined ? 'the register' : `key ${JSON.stringify(part.key)}`));
    const summary =
      result.verdict === 'not linearizable'
        ? `the clients' history is not linearizable (${failing.join(', ')})`
        : `the linearizability check ran out of its budget before a verdict (${failing.join(', ')}): raise maxStates`;
    return { name: result.verdict === 'not linearizable' ? 'NotLinearizable' : 'LinearizabilityUnknown', summary, explanation, html: renderHistorySection(result) };
  };
}
