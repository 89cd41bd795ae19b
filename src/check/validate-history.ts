/**
 * `parseHistory` and `validateHistory` read a `simloop-history/1` file, or
 * throw a `HistoryFormatError` naming the first problem in the format's order:
 * the file as a whole (`$`), then `format`, `model`, `ops`, then the events in
 * order: each event's fields (validate-event.ts), then its place in the
 * sequence (validate-sequence.ts).
 */
import { HISTORY_FORMAT, type HistoryEvent, type HistoryFile, type ModelName } from './history.js';
import { HistoryFormatError } from './history-format-error.js';
import { showValue } from './show.js';
import { checkEvent, isRecord } from './validate-event.js';
import { SequenceChecker } from './validate-sequence.js';

const MODELS: readonly ModelName[] = ['register', 'kv'];

/**
 * Parses the text of a history file and validates it.
 *
 * @example
 * const file = parseHistory(readFileSync('history.json', 'utf8'));
 * checkLinearizability(operationsOf(file), file.model).verdict;
 */
export function parseHistory(text: string): HistoryFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8 quotes the text around the error, line breaks and all; keep the message on one line.
    throw new HistoryFormatError('$', `not JSON: ${(error as Error).message.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}`);
  }
  return validateHistory(json);
}

/**
 * Validates a history file already read as JSON; returns it typed, with
 * only the fields the format defines (others are allowed and dropped).
 *
 * @example
 * validateHistory({ format: 'simloop-history/1', model: 'register', ops: [] }).ops; // []
 */
export function validateHistory(json: unknown): HistoryFile {
  if (!isRecord(json)) throw new HistoryFormatError('$', `a history file is a JSON object, got ${Array.isArray(json) ? 'an array' : showValue(json)}`);
  if (json['format'] !== HISTORY_FORMAT) throw refusal('format', json, JSON.stringify(HISTORY_FORMAT));
  const model = json['model'];
  if (!MODELS.includes(model as ModelName)) throw refusal('model', json, '"register" or "kv"');
  const ops = json['ops'];
  if (!Array.isArray(ops)) throw refusal('ops', json, 'a list of events');
  const sequence = new SequenceChecker(model as ModelName);
  const events: HistoryEvent[] = [];
  let previousTime = -Infinity;
  for (let index = 0; index < ops.length; index++) {
    const event = checkEvent(ops[index], index, model as ModelName, previousTime);
    sequence.accept(event, index);
    events.push(event);
    previousTime = event.time;
  }
  return { format: HISTORY_FORMAT, model: model as ModelName, ops: events };
}

function refusal(field: string, file: Record<string, unknown>, expected: string): HistoryFormatError {
  if (!Object.hasOwn(file, field)) return new HistoryFormatError(field, `missing; expected ${expected}`);
  return new HistoryFormatError(field, `expected ${expected}, got ${showValue(file[field])}`);
}
