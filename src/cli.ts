/**
 * The `simloop` command, as a function of its arguments so tests can run it
 * in-process; src/bin/simloop.ts is the executable.
 *
 *   simloop scenario FILE.json   run a scenario and print its trace
 *   simloop explore FILE         run FILE under many schedules; report, shrink and replay a failure
 *   simloop replay FILE --schedule S   run FILE under one schedule and print its trace
 *
 * FILE for explore and replay is a scenario (.json) or a built JavaScript
 * module exporting `main` (see src/explore/cli-commands.ts for the flags).
 * They exit 0 when every run passed, 1 when one failed, 2 for a usage error.
 *
 * Exit status: 0 when the scenario ran (whatever it did), 2 for a usage error
 * or an invalid scenario (one line on stderr naming what and where), 1 when the
 * run itself failed (the step budget ran out).
 */
import { readFileSync } from 'node:fs';
import { exploreCommand, replayCommand } from './cli/explore-commands.js';
import { runScenario } from './scenario/run-scenario.js';
import { parseScenario, ScenarioError } from './scenario/validate.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = 'usage: simloop scenario FILE.json';

/** Thrown to end the command with a status and a message on stderr. */
class Exit extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function scenarioCommand(args: string[], io: CliIo): void {
  if (args.length !== 1) throw new Exit(2, USAGE);
  const file = args[0] as string;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Exit(2, `simloop: cannot read ${file}: ${(error as Error).message}`);
  }
  let lines: string[];
  try {
    lines = runScenario(parseScenario(text));
  } catch (error) {
    if (error instanceof ScenarioError) throw new Exit(2, `simloop: invalid scenario ${file}: ${error.message}`);
    throw new Exit(1, `simloop: ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (lines.length > 0) io.stdout(`${lines.join('\n')}\n`);
}

/** Runs the command line `argv` (without node and the script) and returns the exit status. */
export function cli(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  try {
    if (command === 'scenario') scenarioCommand(rest, io);
    else if (command === 'explore') return exploreCommand(rest, io);
    else if (command === 'replay') return replayCommand(rest, io);
    else throw new Exit(2, command === undefined ? USAGE : `simloop: unknown command "${command}"; ${USAGE}`);
    return 0;
  } catch (error) {
    if (!(error instanceof Exit)) throw error;
    io.stderr(`${error.message}\n`);
    return error.status;
  }
}
