import { readFileSync } from 'node:fs';
import { UsageError } from './args.js';

/**
 * The text of an input file, or a UsageError (exit 2) saying it cannot be read.
 *
 * @example
 * const text = readInputFile('history.json');
 */
export function readInputFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * Parses `text` with `parse`, turning the errors of type `invalid` into a
 * UsageError (exit 2) that says what the file is not: `invalid scenario
 * FILE: defs.main[0]: ...`.
 *
 * @example
 * const scenario = parseInput('s.json', readInputFile('s.json'), parseScenario, ScenarioError, 'invalid scenario ');
 */
export function parseInput<T>(file: string, text: string, parse: (text: string) => T, invalid: new (...args: never[]) => Error, prefix = ''): T {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof invalid) throw new UsageError(`${prefix}${file}: ${error.message}`);
    throw error;
  }
}
