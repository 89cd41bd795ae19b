// The main job (`npm run demo`): a replicated key-value service under swarm
// faults. Explores the correct service for a few hundred runs, then each
// variant with a one-line bug until exploration finds it; prints each
// report (the linearizability explanation, the faults the shrunk run needed,
// the line that replays it), replays that line in a fresh process, and writes
// the HTML view of one failure. The same from the shell:
//
//   simloop explore dist/examples/kv/correct.js --runs 300
//   simloop explore dist/examples/kv/wall-clock-lease.js --runs 2000 --html lease.html
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { explore, formatReport, toHtmlTimeline, type ExploreResult } from '../../src/index.js';
import { kvTest } from './kv-test.js';
import { VARIANTS, type VariantName } from './variant.js';

/** Runs of the correct service; the bugs get up to 2,000 (the bound), and are found well before. */
const CORRECT_RUNS = 300;
const BUG_RUNS = 2_000;
const SEED = 1;
/** Shrinking stops after this many runs (the default, 20,000, goes on to a local minimum: minutes per bug here). */
const SHRINK_RUNS = 1_000;
const HTML_FILE = 'dist/kv-failure.html';

console.log('== A replicated key-value service: 3 Raft replicas, each with its log on its own disk, and 4 clients (examples/kv/)');
console.log('   Every run draws its faults from its seed: lost, duplicated and slow messages, partitions (one-way too), crashes and');
console.log('   restarts, torn and lost disk writes, clock jumps, BUGGIFY points. The clients record what they saw; each run ends with');
console.log("   the liveness phase (the world heals; every client must finish within 5 s) and a check that the clients' history is linearizable.\n");

const startedMs = Date.now();
const correct = kvTest('correct');
const checked = explore(correct.main, { runs: CORRECT_RUNS, seed: SEED, check: correct.check });
const seconds = (Date.now() - startedMs) / 1000;
if (checked.failure !== null) for (const line of formatReport(checked, { file: 'dist/examples/kv/correct.js' })) console.log(line);
else console.log(`== ${VARIANTS.correct.title}: ${checked.runs} swarm runs passed, each linearizable and live, in ${seconds.toFixed(1)} s\n`);

let html: { variant: VariantName; result: ExploreResult } | null = null;
for (const variant of ['ack-before-majority', 'wall-clock-lease', 'retry-applied-twice'] as const) {
  const file = `dist/examples/kv/${variant}.js`;
  console.log(`== The bug (${variant}): ${VARIANTS[variant].title}`);
  const test = kvTest(variant);
  const found = explore(test.main, { runs: BUG_RUNS, seed: SEED, check: test.check, shrinkRuns: SHRINK_RUNS });
  for (const line of withoutTrace(formatReport(found, { file }))) console.log(line);
  if (found.failure === null) continue;
  console.log(`  replayed in a fresh process (simloop replay): ${replaysInFreshProcess(file, found.failure.shrunk.schedule, found.failure.shrunkFailure.message)}\n`);
  if (variant === 'wall-clock-lease') html = { variant, result: found };
}

if (html !== null && html.result.failure !== null) {
  const command = `simloop replay dist/examples/kv/${html.variant}.js --schedule '${html.result.failure.shrunk.schedule}'`;
  writeFileSync(HTML_FILE, toHtmlTimeline(html.result.failure, { title: `examples/kv ${html.variant}: ${VARIANTS[html.variant].title}`, command }));
  console.log(`== The HTML view of the ${html.variant} failure: ${HTML_FILE} (open it in a browser: hosts, messages, faults and the history on one timeline)`);
}
console.log(`== The whole demo took ${((Date.now() - startedMs) / 1000).toFixed(0)} s`);

/** The report without the shrunk run's trace (thousands of lines for this service: the HTML view shows it), and how long it was. */
function withoutTrace(lines: readonly string[]): string[] {
  const start = lines.indexOf('  trace:');
  const end = lines.findIndex((line) => line.startsWith('  replay in a test:'));
  if (start < 0 || end < start) return [...lines];
  return [...lines.slice(0, start), `  trace: ${end - start - 1} lines (simloop replay prints them, the HTML view draws them)`, ...lines.slice(end)];
}

/** Runs `simloop replay` on the printed schedule in a new Node process: whether it fails the same way. */
function replaysInFreshProcess(file: string, schedule: string, message: string): string {
  try {
    execFileSync(process.execPath, ['dist/src/bin/simloop.js', 'replay', file, '--schedule', schedule], { encoding: 'utf8', stdio: 'pipe' });
    return 'it passed (not reproduced)';
  } catch (error) {
    const output = String((error as { stdout?: unknown }).stdout ?? '');
    return output.includes(message) ? 'the same failure' : `another outcome: ${output.split('\n').slice(0, 2).join(' ')}`;
  }
}
