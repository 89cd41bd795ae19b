import type { ExploreResult } from '../explore/explore.js';
import { shellReplayLine } from '../explore/report/report.js';
import { showValue } from '../show.js';

/** The format tag of `simloop explore --json`. */
export const EXPLORE_JSON_FORMAT = 'simloop-explore/1';

/** An exploration's result as `simloop explore --json` prints it: the result itself, tagged, with the file. */
export type ExploreJson = ExploreResult & {
  readonly format: typeof EXPLORE_JSON_FORMAT;
  readonly file: string;
  /** The shell command that replays the failure, or null when every run passed. */
  readonly replayCommand: string | null;
};

/**
 * The JSON form of a result: plain data (the plan, the failure with its
 * shrunk schedule, trace events and replay line, the guarantees), which
 * `simloop merge` reads back.
 *
 * @example
 * JSON.stringify(toExploreJson(result, 'dist/test/bank.js'));
 */
export function toExploreJson(result: ExploreResult, file: string): ExploreJson {
  const schedule = result.failure?.shrunk.schedule;
  const replayCommand = schedule === undefined ? null : shellReplayLine(shellQuote(file), schedule, result.plan.checks);
  return { format: EXPLORE_JSON_FORMAT, file, ...result, replayCommand };
}

/**
 * Reads back what `toExploreJson` wrote; throws RangeError naming `source`
 * and what is wrong when it is not such an object.
 *
 * @example
 * fromExploreJson(JSON.parse(readFileSync('shard-1.json', 'utf8')), 'shard-1.json');
 */
export function fromExploreJson(value: unknown, source: string): ExploreJson {
  const object = value as Partial<ExploreJson> | null;
  if (object === null || typeof object !== 'object' || Array.isArray(object)) throw new RangeError(`${source}: not a JSON object`);
  if (object.format !== EXPLORE_JSON_FORMAT) {
    throw new RangeError(`${source}: format is ${showValue(object.format)}, not "${EXPLORE_JSON_FORMAT}" (write it with simloop explore --json)`);
  }
  const fields: Array<[keyof ExploreJson, string]> = [
    ['file', 'string'],
    ['subject', 'string'],
    ['runs', 'number'],
    ['plan', 'object'],
    ['probe', 'object'],
    ['failingRuns', 'object'],
    ['failure', 'object'],
    ['hasInvariant', 'boolean'],
  ];
  for (const [field, type] of fields) {
    if (typeof object[field] !== type) throw new RangeError(`${source}: ${field} is missing or not a ${type}`);
  }
  return object as ExploreJson;
}

/** Quotes a word for a POSIX shell when it needs quoting. */
export function shellQuote(word: string): string {
  return /^[\w./:=@%+-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
