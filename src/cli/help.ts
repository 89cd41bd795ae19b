import { HELP_OPTION } from './args.js';
import type { Command, OptionSpec } from './command.js';

/**
 * The exit statuses every command shares: one table, printed by `simloop
 * --help` and kept in the README.
 */
export const EXIT_STATUSES: readonly (readonly [number, string])[] = [
  [0, 'success: every run passed, the scenario ran, the history is linearizable, or help was shown'],
  [1, 'a failure was found: a run failed (explore, replay), the run exhausted its budget (scenario), the history is not linearizable (check)'],
  [2, 'the command line or an input is wrong: an unknown flag, an unreadable or invalid file, a module that cannot be loaded'],
  [3, 'no verdict: the checker ran out of its time or state budget (check)'],
];

/**
 * `simloop --help`: every command with its summary, the global flags, the
 * exit statuses and a few examples.
 *
 * @example
 * mainHelp(COMMANDS, '0.1.0');
 */
export function mainHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `simloop ${version}: deterministic simulation of concurrent TypeScript on asyncio's event loop,`,
    'with schedules explored, failures shrunk, and every run replayed from one line.',
    '',
    'usage: simloop COMMAND [options]      simloop help COMMAND      simloop --version',
    '',
    'commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'options:',
    '  -h, --help     show this help; `simloop help COMMAND` (or COMMAND --help) shows one command',
    '  -v, --version  print the version of simloop',
    '',
    'exit status:',
    ...EXIT_STATUSES.map(([status, meaning]) => `  ${status}  ${meaning}`),
    '',
    'examples:',
    ...commands.map((command) => `  ${command.examples[0] ?? command.usage}`),
    '',
  ].join('\n');
}

/**
 * `simloop help COMMAND`: usage, what it does, each flag with what it does,
 * examples and the exit statuses it uses.
 *
 * @example
 * commandHelp(exploreCommand);
 */
export function commandHelp(command: Command): string {
  const options = [...command.options, HELP_OPTION];
  const flags = options.map(flagText);
  const width = Math.min(32, Math.max(...flags.map((flag) => flag.length)));
  return [
    `usage: ${command.usage}`,
    '',
    ...command.description.split('\n').map((line) => (line === '' ? '' : `  ${line}`)),
    '',
    'options:',
    ...options.map((option, index) => formatOption(flags[index] as string, option.description, width)),
    '',
    'examples:',
    ...command.examples.map((example) => `  ${example}`),
    '',
    'exit status:',
    ...command.exitCodes.map(([status, meaning]) => `  ${status}  ${meaning}`),
    '',
  ].join('\n');
}

function flagText(option: OptionSpec): string {
  const long = `--${option.name}${option.value === undefined ? '' : ` ${option.value}`}`;
  return option.short === undefined ? `    ${long}` : `-${option.short}, ${long}`;
}

function formatOption(flag: string, description: string, width: number): string {
  return flag.length <= width ? `  ${flag.padEnd(width)}  ${description}` : `  ${flag}\n  ${''.padEnd(width)}  ${description}`;
}
