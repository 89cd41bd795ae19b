/**
 * `simloop check FILE.json`: judges a `simloop-history/1` file for
 * linearizability and prints the verdict on the first line of stdout, then the
 * explanation. Exit status 0 linearizable, 1 not linearizable, 2 an invalid
 * file or command line, 3 unknown (a budget ran out).
 */
import { writeFileSync } from 'node:fs';
import { checkLinearizability, DEFAULT_MAX_STATES, DEFAULT_TIME_MS } from '../check/check.js';
import { formatCheckResult } from '../check/explain.js';
import { operationsOf } from '../check/file-operations.js';
import { HistoryFormatError } from '../check/history-format-error.js';
import { renderHistoryHtml } from '../check/html.js';
import type { Verdict } from '../check/result.js';
import { parseHistory } from '../check/validate-history.js';
import { integerOption, onePositional, parseCommandArgs, stringOption, UsageError } from './args.js';
import type { Command, CommandIo, OptionSpec } from './command.js';
import { parseInput, readInputFile } from './input.js';

const USAGE = 'simloop check FILE.json [--budget-ms N] [--max-states N] [--html OUT.html]';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'budget-ms', value: 'N', description: `Wall-clock limit in whole milliseconds, an outer guard only (default ${DEFAULT_TIME_MS.toLocaleString('en-US')}).` },
  {
    name: 'max-states',
    value: 'N',
    description: `Explored-state budget: the model steps the search may take, the same answer on every machine (default ${DEFAULT_MAX_STATES.toLocaleString('en-US')}).`,
  },
  { name: 'html', value: 'OUT.html', description: 'Also write a self-contained HTML view: per key, each process\'s operations on the time axis.' },
];

const EXIT_STATUS: Record<Verdict, number> = { linearizable: 0, 'not linearizable': 1, unknown: 3 };

/**
 * The `check` subcommand.
 *
 * @example
 * const status = checkCommand.run(['history.json', '--html', 'history.html'], { stdout: write, stderr: write });
 */
export const checkCommand: Command = {
  name: 'check',
  summary: 'check a history (simloop-history/1) for linearizability and explain a violation',
  usage: USAGE,
  description: [
    'Reads a history of register or kv operations (Jepsen\'s invoke / ok / fail / info, the format is',
    'docs/checking.md) and checks that it is linearizable: that one order of its operations, each at an',
    'instant inside its interval, explains every result. The first line printed is the verdict:',
    '`linearizable`, `not linearizable`, or `unknown` when a budget ran out first. For a history that is',
    'not linearizable, each failing key follows: the longest prefix that could be linearized, with the',
    'state after each operation, and the operation that cannot follow it. An invalid file exits 2 with',
    'one line naming the path of the first problem (`ops[5].type`).',
  ].join('\n'),
  options: OPTIONS,
  examples: ['simloop check history.json', 'simloop check history.json --max-states 100000000 --budget-ms 600000 --html history.html'],
  exitCodes: [
    [0, 'the history is linearizable'],
    [1, 'the history is not linearizable'],
    [2, 'a usage error, or a file that cannot be read or is not a valid history'],
    [3, 'unknown: the explored-state, time or memory budget ran out'],
  ],
  run: (args, io) => {
    // Exit 2 here rather than in the router, so the command is whole on its own (and in tests).
    try {
      return runCheck(args, io);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`simloop: ${error.message}\n`);
      return 2;
    }
  },
};

function runCheck(args: readonly string[], io: CommandIo): number {
  const { file, budgetMs, maxStates, html } = parseCommandLine(args);
  const history = parseInput(file, readInputFile(file), parseHistory, HistoryFormatError);
  const result = checkLinearizability(operationsOf(history), history.model, { timeMs: budgetMs, maxStates });
  io.stdout(`${formatCheckResult(result).join('\n')}\n`);
  if (html !== undefined) {
    try {
      writeFileSync(html, renderHistoryHtml(result, { title: `simloop check ${file}: ${result.verdict}` }));
    } catch (error) {
      throw new UsageError(`cannot write ${html}: ${(error as Error).message}`);
    }
  }
  return EXIT_STATUS[result.verdict];
}

function parseCommandLine(args: readonly string[]): { file: string; budgetMs: number; maxStates: number; html: string | undefined } {
  const parsed = parseCommandArgs(checkCommand, args);
  return {
    file: onePositional(parsed, checkCommand, 'history file'),
    budgetMs: integerOption(parsed, 'budget-ms', 1) ?? DEFAULT_TIME_MS,
    maxStates: integerOption(parsed, 'max-states', 1) ?? DEFAULT_MAX_STATES,
    html: stringOption(parsed, 'html'),
  };
}
