/**
 * `simloop check FILE.json`: judges a `simloop-history/1` file for
 * linearizability and prints the verdict on the first line of stdout, then the
 * explanation. Exit status 0 linearizable, 1 not linearizable, 2 an invalid
 * file or command line, 3 unknown (a budget ran out).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkLinearizability, DEFAULT_MAX_STATES, DEFAULT_TIME_MS } from '../check/check.js';
import { formatCheckResult } from '../check/explain.js';
import { operationsOf } from '../check/file-operations.js';
import { HistoryFormatError } from '../check/history-format-error.js';
import { renderHistoryHtml } from '../check/html.js';
import type { Verdict } from '../check/result.js';
import { parseHistory } from '../check/validate-history.js';
import type { Command, CommandIo, OptionSpec } from './command.js';

const USAGE = 'simloop check FILE.json [--budget-ms N] [--max-states N] [--html OUT.html]';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'budget-ms', value: 'N', description: `Wall-clock limit in milliseconds, an outer guard only (default ${DEFAULT_TIME_MS}).` },
  {
    name: 'max-states',
    value: 'N',
    description: `Explored-state budget: the model steps the search may take, the same answer on every machine (default ${DEFAULT_MAX_STATES}).`,
  },
  { name: 'html', value: 'OUT.html', description: 'Also write a self-contained HTML view: per key, each process\'s operations on the time axis.' },
];

const EXIT_STATUS: Record<Verdict, number> = { linearizable: 0, 'not linearizable': 1, unknown: 3 };

/** A mistake on the command line or in the file: exit 2 with one line on stderr. */
class CheckUsageError extends Error {}

/**
 * The `check` subcommand.
 *
 * @example
 * const status = checkCommand.run(['history.json', '--html', 'history.html'], { stdout: write, stderr: write });
 */
export const checkCommand: Command = {
  name: 'check',
  summary: 'check a history file (simloop-history/1) for linearizability',
  usage: USAGE,
  description:
    'Reads a history of register or kv operations (Jepsen\'s invoke / ok / fail / info) and checks that it is linearizable: ' +
    'that one order of its operations, each at an instant inside its interval, explains every result. ' +
    'The first line of output is the verdict (linearizable, not linearizable, or unknown when a budget ran out); ' +
    'for a history that is not linearizable, each failing key follows with the longest prefix that could be linearized, ' +
    'the operation that cannot follow it, and the model state there. See docs/checking.md.',
  options: OPTIONS,
  examples: ['simloop check history.json', 'simloop check history.json --max-states 100000000 --budget-ms 600000 --html history.html'],
  exitCodes: [
    [0, 'linearizable'],
    [1, 'not linearizable'],
    [2, 'an invalid file (stderr names the path of the first problem) or command line'],
    [3, 'unknown: the explored-state, time or memory budget ran out'],
  ],
  run: (args, io) => {
    try {
      return runCheck(args, io);
    } catch (error) {
      if (!(error instanceof CheckUsageError)) throw error;
      io.stderr(`simloop: ${error.message}\n`);
      return 2;
    }
  },
};

function runCheck(args: readonly string[], io: CommandIo): number {
  const { file, budgetMs, maxStates, html } = parseCommandLine(args);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CheckUsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let history;
  try {
    history = parseHistory(text);
  } catch (error) {
    if (error instanceof HistoryFormatError) throw new CheckUsageError(`${file}: ${error.message}`);
    throw error;
  }
  const result = checkLinearizability(operationsOf(history), history.model, { timeMs: budgetMs, maxStates });
  io.stdout(`${formatCheckResult(result).join('\n')}\n`);
  if (html !== undefined) {
    try {
      writeFileSync(html, renderHistoryHtml(result, { title: `simloop check ${file}: ${result.verdict}` }));
    } catch (error) {
      throw new CheckUsageError(`cannot write ${html}: ${(error as Error).message}`);
    }
  }
  return EXIT_STATUS[result.verdict];
}

function parseCommandLine(args: readonly string[]): { file: string; budgetMs: number; maxStates: number; html: string | undefined } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { 'budget-ms': { type: 'string' }, 'max-states': { type: 'string' }, html: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CheckUsageError(`check: ${(error as Error).message}; usage: ${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new CheckUsageError(`check: expected one history file, got ${positionals.length}; usage: ${USAGE}`);
  return {
    file: positionals[0]!,
    budgetMs: positiveNumber(values['budget-ms'], '--budget-ms', DEFAULT_TIME_MS, false),
    maxStates: positiveNumber(values['max-states'], '--max-states', DEFAULT_MAX_STATES, true),
    html: values.html,
  };
}

function positiveNumber(text: string | undefined, flag: string, fallback: number, integer: boolean): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  const valid = text.trim() !== '' && (integer ? Number.isSafeInteger(value) : Number.isFinite(value)) && value > 0;
  if (!valid) throw new CheckUsageError(`check: ${flag} must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(text)}`);
  return value;
}
