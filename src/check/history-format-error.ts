/**
 * Why a history file was refused, and where: `path` names the first problem
 * in the order the format prescribes: the whole file (`$`), a top-level field
 * (`format`, `model`, `ops`), a field of an event (`ops[5].type`) or an
 * event's place in the sequence (`ops[5]`). The message is one line,
 * `<path>: <what is wrong>`, which `simloop check` prints before exiting 2.
 *
 * @example
 * try {
 *   parseHistory('{"format": "simloop-history/1", "model": "kv", "ops": [{"process": -1}]}');
 * } catch (error) {
 *   if (error instanceof HistoryFormatError) error.path; // 'ops[0].process'
 * }
 */
export class HistoryFormatError extends Error {
  override readonly name = 'HistoryFormatError';

  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    if (/[\r\n]/.test(this.message)) throw new Error(`HistoryFormatError message must be one line: ${JSON.stringify(this.message)}`);
  }
}
