import { formatSchedule, parseSchedule } from '../explore/choices/schedule.js';
import { worldOf } from '../explore/choices/streams.js';
import { describeFailure } from '../explore/report/failure.js';
import { replayLine } from '../explore/report/failure-report.js';
import { shellReplayLine } from '../explore/report/report.js';
import { renderTrace } from '../explore/report/trace.js';
import { replaySubject } from '../explore/replay.js';
import { loadSubject } from '../explore/workers/load-subject.js';
import { integerOption, onePositional, parseCommandArgs, stringOption, switchOption, UsageError } from './args.js';
import type { Command, CommandIo } from './command.js';
import { print, writeChromeTrace, writeHtmlTimeline } from './output.js';

/** `simloop replay FILE --schedule S`: one run under a written schedule, with its trace. */
export const replayCommand: Command = {
  name: 'replay',
  summary: 'run FILE under one schedule (a replay line) and print its trace',
  usage: "simloop replay FILE --schedule 'v1;...' [options]",
  description: [
    'Runs FILE (a scenario or a module exporting `main`, as for explore) once under the schedule S,',
    'exactly as the exploration that printed S ran it, and prints the schedule it took and the trace.',
    'Give the same checks the exploration had (--max-steps, --unretrieved) so the same failure shows.',
  ].join('\n'),
  options: [
    { name: 'schedule', value: 'S', description: "The schedule to replay, as a report prints it ('v1;0x3,1'); required." },
    { name: 'max-steps', value: 'N', description: 'The step budget of the run (default 100,000).' },
    { name: 'unretrieved', description: 'Fail the run when a task\'s exception is never retrieved.' },
    { name: 'json', description: 'Print the run as one JSON object (schedule, failure, trace events).' },
    { name: 'chrome-trace', value: 'OUT.json', description: 'Write the run as a Chrome trace (Perfetto, chrome://tracing).' },
    { name: 'html', value: 'OUT.html', description: 'Write the run as an HTML timeline: one file that opens in any browser.' },
  ],
  examples: ["simloop replay dist/examples/lost-update.js --schedule 'v1;1'"],
  exitCodes: [
    [0, 'the run passed'],
    [1, 'the run failed (the last line says how)'],
    [2, 'a usage error, a malformed schedule, or a file that cannot be loaded'],
  ],
  run: (args, io) => runReplayCommand(args, io),
};

function runReplayCommand(args: readonly string[], io: CommandIo): number {
  const parsed = parseCommandArgs(replayCommand, args);
  const file = onePositional(parsed, replayCommand, 'FILE to replay');
  const text = stringOption(parsed, 'schedule');
  if (text === undefined) throw new UsageError(`--schedule S is required (usage: ${replayCommand.usage})`);
  const schedule = parseSchedule(text);
  const maxSteps = integerOption(parsed, 'max-steps', 1);
  const loaded = loadSubject(file);
  const checks = {
    ...loaded.defaults,
    invariant: loaded.invariant,
    ...(maxSteps === undefined ? {} : { maxSteps }),
    ...(switchOption(parsed, 'unretrieved') ? { unretrievedErrors: true } : {}),
  };
  const record = replaySubject(loaded.subject, schedule, checks);
  const trace = record.trace ?? [];
  const taken = formatSchedule({ choices: record.choices, world: worldOf(record.streams), cancel: schedule.cancel });
  if (switchOption(parsed, 'json')) {
    print(io, [JSON.stringify({ format: 'simloop-replay/1', file, schedule: taken, failure: record.failure, trace })]);
  } else {
    print(io, [`schedule: ${taken}`, ...renderTrace(trace)]);
    if (record.failure !== null) print(io, [`FAILED: ${describeFailure(record.failure)}`]);
  }
  writeChromeTrace(io, stringOption(parsed, 'chrome-trace'), trace);
  writeHtmlTimeline(
    io,
    stringOption(parsed, 'html'),
    { trace, failure: record.failure, schedule: taken, replayLine: replayLine(loaded.subject, taken, checks) },
    { title: `simloop replay ${file}`, command: shellReplayLine(file, taken, checks) },
  );
  return record.failure === null ? 0 : 1;
}
