import { writeFileSync } from 'node:fs';
import { toChromeTrace } from '../explore/report/chrome-trace.js';
import type { ExploreResult } from '../explore/explore.js';
import { describeFailure } from '../explore/report/failure.js';
import { loadSubject, SubjectLoadError } from '../explore/workers/load-subject.js';
import { POLICY_NAMES, type PolicyName } from '../explore/choices/plan.js';
import { progressBar } from './progress.js';
import { replaySubject } from '../explore/replay.js';
import { formatReport } from '../explore/report/report.js';
import { formatSchedule, parseSchedule, ScheduleSyntaxError } from '../explore/choices/schedule.js';
import { renderTrace } from '../explore/report/trace.js';
import { exploreFile, type FileExploreOptions } from '../explore/workers/workers.js';

export const EXPLORE_USAGE =
  'usage: simloop explore FILE [--policy random|pct|exhaustive|fifo] [--runs N] [--seed S] [--depth D]\n' +
  '         [--preemptions P] [--cancel TASK|*] [--max-steps N] [--workers N] [--shard i/n] [--all]\n' +
  '         [--unretrieved] [--no-shrink] [--no-self-check] [--no-progress] [--chrome-trace OUT.json]';
export const REPLAY_USAGE = 'usage: simloop replay FILE --schedule S [--max-steps N] [--unretrieved] [--chrome-trace OUT.json]';

/** Where a command writes: the CLI's io, so tests can run commands in-process. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A command-line mistake: exit status 2 and one line. */
class UsageError extends Error {}

/** Flags that take a value, and those that do not. */
const VALUE_FLAGS = ['--policy', '--runs', '--seed', '--depth', '--preemptions', '--cancel', '--max-steps', '--workers', '--shard', '--chrome-trace', '--schedule'];
const SWITCHES = ['--all', '--unretrieved', '--no-shrink', '--no-self-check', '--no-progress'];

/**
 * `simloop explore FILE ...`: explores, prints the report on stdout, and
 * returns the exit status: 0 when every run passed, 1 when one failed, 2 for
 * a usage error or a file that cannot be explored.
 */
export function exploreCommand(args: string[], io: CommandIo): number {
  return withErrors(io, EXPLORE_USAGE, () => {
    const { file, flags } = parseArgs(args, EXPLORE_USAGE);
    if (flags.has('--schedule')) throw new UsageError('--schedule belongs to simloop replay');
    // The bar draws on the real terminal, and only there: never into io, which holds the report.
    const bar = progressBar(process.stderr);
    const options: FileExploreOptions = {
      policy: policyOf(flags.get('--policy')),
      runs: integer(flags, '--runs'),
      seed: integer(flags, '--seed'),
      depth: integer(flags, '--depth'),
      preemptions: integer(flags, '--preemptions'),
      cancel: flags.get('--cancel'),
      maxSteps: integer(flags, '--max-steps'),
      workers: integer(flags, '--workers'),
      shard: flags.get('--shard'),
      stopOnFailure: flags.has('--all') ? false : undefined,
      unretrievedErrors: flags.has('--unretrieved') ? true : undefined,
      shrink: !flags.has('--no-shrink'),
      selfCheck: !flags.has('--no-self-check'),
      onProgress: flags.has('--no-progress') ? undefined : bar.update,
    } as FileExploreOptions;
    let result: ExploreResult;
    try {
      result = exploreFile(file, options);
    } finally {
      bar.finish();
    }
    print(io, formatReport(result, { file }));
    if (result.failingRuns.length > 1) print(io, [`failing runs: ${result.failingRuns.join(', ')}`]);
    writeChromeTrace(io, flags.get('--chrome-trace'), result.failure?.trace);
    return result.failure === null ? 0 : 1;
  });
}

/**
 * `simloop replay FILE --schedule S`: runs the schedule once and prints its
 * trace; exit status 1 when the run fails, 0 when it passes.
 */
export function replayCommand(args: string[], io: CommandIo): number {
  return withErrors(io, REPLAY_USAGE, () => {
    const { file, flags } = parseArgs(args, REPLAY_USAGE);
    const text = flags.get('--schedule');
    if (text === undefined) throw new UsageError(`--schedule S is required\n${REPLAY_USAGE}`);
    const schedule = parseSchedule(text);
    const loaded = loadSubject(file);
    const maxSteps = integer(flags, '--max-steps');
    const checks = {
      ...loaded.defaults,
      invariant: loaded.invariant,
      ...(maxSteps === undefined ? {} : { maxSteps }),
      ...(flags.has('--unretrieved') ? { unretrievedErrors: true } : {}),
    };
    const record = replaySubject(loaded.subject, schedule, checks);
    const trace = record.trace ?? [];
    print(io, [`schedule: ${formatSchedule({ choices: record.choices, cancel: schedule.cancel })}`, ...renderTrace(trace)]);
    if (record.failure !== null) print(io, [`FAILED: ${describeFailure(record.failure)}`]);
    writeChromeTrace(io, flags.get('--chrome-trace'), trace);
    return record.failure === null ? 0 : 1;
  });
}

function withErrors(io: CommandIo, usage: string, body: () => number): number {
  try {
    return body();
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`simloop: ${error.message}\n`);
      return 2;
    }
    if (error instanceof SubjectLoadError || error instanceof ScheduleSyntaxError || error instanceof RangeError) {
      io.stderr(`simloop: ${error.message}\n${usage}\n`);
      return 2;
    }
    throw error;
  }
}

function parseArgs(args: string[], usage: string): { file: string; flags: Map<string, string> } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (VALUE_FLAGS.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value\n${usage}`);
      flags.set(name, value);
    } else if (SWITCHES.includes(name)) {
      flags.set(name, '');
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}\n${usage}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 1) throw new UsageError(usage);
  return { file: positional[0] as string, flags };
}

function integer(flags: Map<string, string>, name: string): number | undefined {
  const text = flags.get(name);
  if (text === undefined) return undefined;
  if (!/^[0-9]+$/.test(text)) throw new UsageError(`${name} takes a non-negative integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

function policyOf(text: string | undefined): PolicyName | undefined {
  if (text === undefined) return undefined;
  if (!(POLICY_NAMES as readonly string[]).includes(text)) throw new UsageError(`--policy is one of ${POLICY_NAMES.join(', ')}, got ${JSON.stringify(text)}`);
  return text as PolicyName;
}

function writeChromeTrace(io: CommandIo, file: string | undefined, trace: Parameters<typeof toChromeTrace>[0] | undefined): void {
  if (file === undefined) return;
  if (trace === undefined) {
    io.stderr(`simloop: no failing run, so no trace written to ${file}\n`);
    return;
  }
  writeFileSync(file, `${JSON.stringify(toChromeTrace(trace))}\n`);
  io.stderr(`simloop: Chrome trace written to ${file} (open it at https://ui.perfetto.dev)\n`);
}

function print(io: CommandIo, lines: readonly string[]): void {
  if (lines.length > 0) io.stdout(`${lines.join('\n')}\n`);
}
