import type { FreshReplay } from '../report/self-check.js';
import type { LoadedSubject } from './load-subject.js';
import { runPool, sharedWords, workersAvailable } from './pool.js';
import type { Failure } from '../report/failure.js';

/**
 * The self-check's replay in a fresh copy of a program loaded from `file`:
 * a new worker thread loads the module anew, so nothing an earlier run left
 * in module-level state is there, replays the schedule once and says how it
 * ended. Null for a scenario (it keeps no state between runs), and when
 * worker threads cannot start (running from the TypeScript sources).
 *
 * @example
 * const replayFresh = freshReplayer('dist/test/bank.js', loadSubject('dist/test/bank.js'));
 * replayFresh?.([[1]], null, {}); // the Failure, or null when it passed
 */
export function freshReplayer(file: string, loaded: LoadedSubject): FreshReplay | null {
  if (loaded.subject.kind !== 'program' || !workersAvailable()) return null;
  return (streams, cancel, checks) => {
    // Functions cannot cross to a worker: it loads the module's invariant and check itself.
    const { invariant: _invariant, check: _check, ...plainChecks } = checks;
    let failure: Failure | null = null;
    runPool([{ kind: 'replay', file, streams: streams.map((choices) => [...choices]), cancel, checks: plainChecks }], sharedWords(), (message) => {
      if (message.type === 'replayed') failure = message.failure;
    });
    return failure;
  };
}
