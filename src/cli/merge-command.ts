import { mergeResults } from '../explore/merge.js';
import { formatReport } from '../explore/report/report.js';
import { parseCommandArgs, switchOption, UsageError } from './args.js';
import type { Command, CommandIo } from './command.js';
import { fromExploreJson, toExploreJson } from './explore-json.js';
import { readInputFile } from './input.js';
import { print } from './output.js';

/** `simloop merge shard-*.json`: the shards of one exploration, put back together. */
export const mergeCommand: Command = {
  name: 'merge',
  summary: 'merge the --json results of an exploration spread over --shard i/n jobs',
  usage: 'simloop merge RESULT.json... [--json]',
  description: [
    'Reads the results that `simloop explore FILE --shard i/n --json` wrote for every shard i of n,',
    'checks that they are all the shards of one exploration, and reports what one machine making',
    'every run would: the failure with the lowest run index (for the exhaustive search, its depth-first',
    'index, once the shards\' branches are put back in walk order), with its shrunk schedule and replay line.',
    '',
    'A CI recipe: a matrix job per shard runs',
    '  simloop explore dist/test/bank.js --runs 100000 --seed 7 --shard ${i}/4 --json > shard-${i}.json',
    'and uploads it; a final job downloads them all and runs `simloop merge shard-*.json`.',
  ].join('\n'),
  options: [{ name: 'json', description: 'Print the merged result as JSON (simloop-explore/1) instead of the report.' }],
  examples: ['simloop merge shard-1.json shard-2.json shard-3.json shard-4.json'],
  exitCodes: [
    [0, 'no shard found a failure'],
    [1, 'a shard found a failure: the report shows the first'],
    [2, 'a usage error, or results that cannot be read or are not the shards of one exploration'],
  ],
  run: (args, io) => runMergeCommand(args, io),
};

function runMergeCommand(args: readonly string[], io: CommandIo): number {
  const parsed = parseCommandArgs(mergeCommand, args);
  if (parsed.positionals.length === 0) throw new UsageError(`simloop merge takes the result files of every shard (usage: ${mergeCommand.usage})`);
  const results = parsed.positionals.map((file) => fromExploreJson(readJson(file), file));
  const files = new Set(results.map((result) => result.file));
  if (files.size > 1) throw new UsageError(`the results explored different files: ${[...files].join(', ')}`);
  const file = results[0]?.file as string;
  let merged;
  try {
    merged = mergeResults(results);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (switchOption(parsed, 'json')) print(io, [JSON.stringify(toExploreJson(merged, file))]);
  else print(io, [...formatReport(merged, { file }), `merged ${results.length} shard${results.length === 1 ? '' : 's'}`]);
  return merged.failure === null ? 0 : 1;
}

function readJson(file: string): unknown {
  const text = readInputFile(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
}
