/**
 * The shape every `simloop` subcommand has: its help is data, so `simloop
 * --help`, `simloop help COMMAND` and the README's tables are generated from
 * one place, and the arguments are parsed by `node:util`'s parseArgs from the
 * same option list.
 */

/**
 * Where a command writes: the process's streams, or a test's buffers.
 *
 * @example
 * const out: string[] = [];
 * const io: CommandIo = { stdout: (text) => void out.push(text), stderr: (text) => void out.push(text) };
 * cli(['--version'], io); // 0, and out holds '0.1.0\n'
 */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * One flag of a command.
 *
 * @example
 * const runs: OptionSpec = { name: 'runs', short: 'n', value: 'N', description: 'Schedules to try (default 100).' };
 */
export interface OptionSpec {
  /** The long name without dashes: `runs` for `--runs`. */
  readonly name: string;
  /** A one-letter alias, where one is conventional (`-h`, `-s`). */
  readonly short?: string;
  /** A flag that takes a value names it here (`N`, `FILE`); a switch has none. */
  readonly value?: string;
  /** What the flag does, in one sentence; defaults are stated in it. */
  readonly description: string;
}

/**
 * A subcommand: what it is for, how it is called, and what it returns.
 *
 * @example
 * const hello: Command = {
 *   name: 'hello', summary: 'say hello', usage: 'simloop hello', description: 'Prints hello.',
 *   options: [], examples: ['simloop hello'], exitCodes: [[0, 'it said hello']],
 *   run: (_args, io) => (io.stdout('hello\n'), 0),
 * };
 */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** `simloop check FILE.json [options]` */
  readonly usage: string;
  /** A paragraph or two for `simloop help NAME`. */
  readonly description: string;
  readonly options: readonly OptionSpec[];
  /** Whole command lines a user can paste. */
  readonly examples: readonly string[];
  /** Exit status and its meaning, in ascending order. */
  readonly exitCodes: readonly (readonly [number, string])[];
  /** Runs the command on the arguments after its name; returns the exit status. */
  run(args: readonly string[], io: CommandIo): number;
}
