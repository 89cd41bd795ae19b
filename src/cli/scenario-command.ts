import { runScenario } from '../scenario/run-scenario.js';
import { parseScenario, ScenarioError } from '../scenario/validate.js';
import { integerOption, onePositional, parseCommandArgs } from './args.js';
import type { Command, CommandIo } from './command.js';
import { parseInput, readInputFile } from './input.js';

/**
 * `simloop scenario FILE.json`: runs a scenario once, in asyncio's order, and
 * prints its trace, as `../shared/scenario-format.md` defines both.
 */
export const scenarioCommand: Command = {
  name: 'scenario',
  summary: 'run a JSON scenario (simloop-scenario/1) once and print its trace',
  usage: 'simloop scenario FILE.json [--max-steps N]',
  description: [
    'Runs the scenario in FILE.json once, in asyncio\'s own order (FIFO), and prints its trace:',
    'one line per event, `<time> <task> <event>`, ending with the `- run ->` line. The same',
    'file gives the same trace on CPython 3.14; the format is docs/scenario-format.md.',
    'A run that returns, raises or deadlocks exits 0 (the last line says which); an invalid',
    'file exits 2 with one line naming the path of the problem, before anything runs.',
  ].join('\n'),
  options: [{ name: 'max-steps', value: 'N', description: 'Stop the run after N loop steps with exit status 1 (default 10,000,000).' }],
  examples: ['simloop scenario test/scenarios/seed-1-self-cancel-next-yield.json'],
  exitCodes: [
    [0, 'the scenario ran (it returned, raised or deadlocked: the last trace line says which)'],
    [1, 'the run exhausted its step budget'],
    [2, 'a usage error, or a file that cannot be read or is not a valid scenario'],
  ],
  run: (args, io) => runScenarioCommand(args, io),
};

function runScenarioCommand(args: readonly string[], io: CommandIo): number {
  const parsed = parseCommandArgs(scenarioCommand, args);
  const file = onePositional(parsed, scenarioCommand, 'scenario file');
  const maxSteps = integerOption(parsed, 'max-steps', 1);
  const scenario = parseInput(file, readInputFile(file), parseScenario, ScenarioError, 'invalid scenario ');
  let lines: string[];
  try {
    lines = runScenario(scenario, maxSteps === undefined ? {} : { maxSteps });
  } catch (error) {
    io.stderr(`simloop: ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  if (lines.length > 0) io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
