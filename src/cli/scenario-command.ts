import { DEFAULT_SCENARIO_MAX_STEPS, ScenarioBudgetError } from '../scenario/budget.js';
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
  options: [
    {
      name: 'max-steps',
      value: 'N',
      description: `Stop the run once loop steps and ops together pass N, with exit status 1 (default ${thousands(DEFAULT_SCENARIO_MAX_STEPS)}).`,
    },
  ],
  examples: ['simloop scenario test/scenarios/seed-1-self-cancel-next-yield.json'],
  exitCodes: [
    [0, 'the scenario ran (it returned, raised or deadlocked: the last trace line says which)'],
    [1, 'the run spent its step budget: the trace so far, then one line naming the op'],
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
    if (!(error instanceof ScenarioBudgetError)) throw error;
    // The format's "Bounded work": the trace so far, then one line naming the limit and the op.
    if (error.lines.length > 0) io.stdout(`${error.lines.join('\n')}\n`);
    io.stderr(
      `simloop: ${file}: step budget of ${error.limit} (loop steps and ops together) spent at t=${error.timeMs} ` +
        `by the op at ${error.path}; raise it with --max-steps N\n`,
    );
    return 1;
  }
  if (lines.length > 0) io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

/** 1000000 as `1,000,000`, the same on every machine. */
function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}
