/**
 * Why a scenario file was rejected, and where.
 *
 * The message is one line, `<path>: <what is wrong>`, which is what the
 * `simloop scenario` command prints on stderr before it exits with status 2.
 * `path` names an op (`defs.main[2][1][0]`), a field (`format`, `main`,
 * `defs.<def>`, `resources.<name>`) or the whole file (`$`).
 *
 * @example
 * try {
 *   parseScenario('{"format": "simloop-scenario/2"}');
 * } catch (error) {
 *   if (error instanceof ScenarioError) console.error(error.message);
 *   // format: expected "simloop-scenario/1", got "simloop-scenario/2"
 * }
 */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';

  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    // A multi-line message would break the one-line contract of stderr.
    if (/[\r\n]/.test(this.message)) {
      throw new Error(`ScenarioError message must be one line: ${JSON.stringify(this.message)}`);
    }
  }
}
