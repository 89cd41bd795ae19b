/**
 * The `simloop` command, as a function of its arguments so tests can run it
 * in-process; src/bin/simloop.ts is the executable. `simloop --help` lists
 * the commands and the exit statuses; each command's help is its own data
 * (src/cli/*-command.ts).
 */
import { ScheduleSyntaxError } from './explore/choices/schedule.js';
import { SubjectError } from './explore/subject.js';
import { SubjectLoadError } from './explore/workers/load-subject.js';
import { UsageError } from './cli/args.js';
import type { Command, CommandIo } from './cli/command.js';
import { checkCommand } from './cli/check-command.js';
import { exploreCommand } from './cli/explore-command.js';
import { commandHelp, mainHelp } from './cli/help.js';
import { mergeCommand } from './cli/merge-command.js';
import { replayCommand } from './cli/replay-command.js';
import { scenarioCommand } from './cli/scenario-command.js';
import { simloopVersion } from './cli/version.js';
import { cutText, showValue } from './show.js';

/** Where the command writes (kept under its old name for callers of cli()). */
export type CliIo = CommandIo;

/** Every command, in the order `simloop --help` lists them. */
export const COMMANDS: readonly Command[] = [exploreCommand, replayCommand, scenarioCommand, checkCommand, mergeCommand];

/** The errors that mean "the input is wrong", exit status 2, rather than a bug in simloop. */
const INPUT_ERRORS = [UsageError, SubjectLoadError, SubjectError, ScheduleSyntaxError, RangeError];

/**
 * Runs the command line `argv` (without node and the script) and returns the
 * exit status (see `simloop --help`).
 *
 * @example
 * cli(['explore', 'dist/test/bank.js', '--runs', '500'], { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
 */
export function cli(argv: readonly string[], io: CommandIo): number {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      // No command at all is a usage error: the help goes where errors go.
      io.stderr(mainHelp(COMMANDS, simloopVersion()));
      return 2;
    }
    if (name === '--help' || name === '-h') return printed(io, mainHelp(COMMANDS, simloopVersion()));
    if (name === '--version' || name === '-v') return printed(io, `${simloopVersion()}\n`);
    if (name === 'help') return helpCommand(rest, io);
    const command = commandNamed(name);
    if (rest.includes('--help') || rest.includes('-h')) return printed(io, commandHelp(command));
    return command.run(rest, io);
  } catch (error) {
    if (!INPUT_ERRORS.some((type) => error instanceof type)) return internalError(io, error);
    io.stderr(`simloop: ${(error as Error).message}\n`);
    return 2;
  }
}

/**
 * Anything else is a bug in simloop: one line, exit 1, never a stack trace
 * on the user's terminal (SIMLOOP_DEBUG=1 shows it, for the report).
 */
function internalError(io: CommandIo, error: unknown): number {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : showValue(error);
  io.stderr(`simloop: internal error (a bug in simloop; SIMLOOP_DEBUG=1 shows the stack): ${cutText(text.split('\n')[0] ?? '', 300)}\n`);
  if (globalThis.process?.env['SIMLOOP_DEBUG'] === '1' && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
  return 1;
}

function helpCommand(args: readonly string[], io: CommandIo): number {
  if (args.length === 0) return printed(io, mainHelp(COMMANDS, simloopVersion()));
  if (args.length > 1) throw new UsageError(`simloop help takes one command name, got ${args.length}`);
  return printed(io, commandHelp(commandNamed(args[0] as string)));
}

function commandNamed(name: string): Command {
  const command = COMMANDS.find((each) => each.name === name);
  if (command !== undefined) return command;
  const hint = name.startsWith('-') ? `unknown option ${name}` : `unknown command ${JSON.stringify(name)}`;
  throw new UsageError(`${hint}; the commands are ${COMMANDS.map((each) => each.name).join(', ')} (see simloop --help)`);
}

function printed(io: CommandIo, text: string): number {
  io.stdout(text);
  return 0;
}
