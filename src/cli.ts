#!/usr/bin/env node
/**
 * The `simloop` command.
 *
 *   simloop scenario FILE.json   run a scenario and print its trace
 *
 * Exit status: 0 when the scenario ran (whatever it did), 2 for a usage error
 * or an invalid scenario (one line on stderr naming what and where), 1 when the
 * run itself failed (the step budget ran out).
 */
import { readFileSync } from 'node:fs';
import { runScenario } from './scenario/run-scenario.js';
import { parseScenario, ScenarioError } from './scenario/validate.js';

const USAGE = 'usage: simloop scenario FILE.json';

function fail(status: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(status);
}

function scenarioCommand(args: string[]): void {
  if (args.length !== 1) fail(2, USAGE);
  const file = args[0] as string;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(2, `simloop: cannot read ${file}: ${(error as Error).message}`);
  }
  let lines: string[];
  try {
    lines = runScenario(parseScenario(text));
  } catch (error) {
    if (error instanceof ScenarioError) fail(2, `simloop: invalid scenario ${file}: ${error.message}`);
    fail(1, `simloop: ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '');
}

function main(argv: string[]): void {
  const [command, ...rest] = argv;
  if (command === 'scenario') scenarioCommand(rest);
  else fail(2, command === undefined ? USAGE : `simloop: unknown command "${command}"\n${USAGE}`);
}

main(process.argv.slice(2));
