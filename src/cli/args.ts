import { parseArgs } from 'node:util';
import type { Command, OptionSpec } from './command.js';
import { showValue } from '../show.js';

/** A command-line mistake: exit status 2, the message on one line, and where to read more. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The flag every command takes. */
export const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', description: 'Show this help and exit.' };

/** What parseArgs made of a command's arguments. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
}

/**
 * Parses `args` with node:util's parseArgs, strictly, from the command's own
 * option list (plus --help); its errors become UsageErrors that name the
 * command's help.
 *
 * @example
 * const { positionals, values } = parseCommandArgs(exploreCommand, ['lost-update.js', '--runs', '500']);
 */
export function parseCommandArgs(command: Command, args: readonly string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const option of [...command.options, HELP_OPTION]) {
    options[option.name] = { type: option.value === undefined ? 'boolean' : 'string', ...(option.short === undefined ? {} : { short: option.short }) };
  }
  try {
    const { positionals, values } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { positionals, values: values as ParsedArgs['values'] };
  } catch (error) {
    throw new UsageError(`${firstSentence(error)} (see simloop help ${command.name})`);
  }
}

/** The value of `--name` as a whole number ≥ minimum, or undefined when absent. */
export function integerOption(parsed: ParsedArgs, name: string, minimum = 0): number | undefined {
  const text = parsed.values[name];
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || !/^[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < minimum) {
    throw new UsageError(`--${name} takes a whole number ≥ ${minimum}, got ${showValue(text)}`);
  }
  return Number(text);
}

/** The value of `--name`, or undefined. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Whether the switch `--name` was given. */
export function switchOption(parsed: ParsedArgs, name: string): boolean {
  return parsed.values[name] === true;
}

/** Exactly one positional argument, named `what` in the error. */
export function onePositional(parsed: ParsedArgs, command: Command, what: string): string {
  if (parsed.positionals.length !== 1) {
    const got = parsed.positionals.length === 0 ? 'none' : parsed.positionals.map((arg) => JSON.stringify(arg)).join(' ');
    throw new UsageError(`simloop ${command.name} takes one ${what}, got ${got} (usage: ${command.usage})`);
  }
  return parsed.positionals[0] as string;
}

function firstSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.replace(/\. To specify a positional argument.*$/, '') ?? message;
}
