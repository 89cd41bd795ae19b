/**
 * What an end-of-run check found wrong: a one-line summary, the lines that
 * explain it, and optionally an HTML section for the run's view. Its `name`
 * says which check it is: shrinking keeps a schedule only if the same check
 * fails again.
 *
 * @example
 * const finding: CheckFinding = { name: 'NotLinearizable', summary: 'key x: read 1 cannot follow write 2', explanation: lines };
 */
export interface CheckFinding {
  readonly name: string;
  readonly summary: string;
  readonly explanation?: readonly string[];
  readonly html?: string;
}

/**
 * A check of the whole run, made once the run is over (main returned and
 * run() cleaned up): nothing when the run is right, else what is wrong. The
 * linearizability check of the history a simulation's clients recorded is
 * one (`linearizabilityCheck`). It runs after every explored run; a run it
 * fails is a failure that shrinks and replays like any other.
 *
 * @example
 * explore(main, { check: () => (account.total() === 150 ? null : { name: 'Total', summary: `total ${account.total()}` }) });
 */
export type RunCheck = () => CheckFinding | null | undefined;

/**
 * Thrown when the run's check found something wrong: the check's finding, as a failure.
 *
 * @example
 * const finding = check(); if (finding) throw new CheckFailed(finding);
 */
export class CheckFailed extends Error {
  constructor(readonly finding: CheckFinding) {
    super(finding.summary);
    this.name = finding.name;
  }
}
