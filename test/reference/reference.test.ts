// Tests of the CPython reference runner (reference.py on pyodide). Every
// expected trace below was derived by reasoning about asyncio first and then
// checked against the reference.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReference, type Reference } from './cpython.js';

let reference: Reference;
beforeAll(async () => {
  reference = await loadReference();
});

type Op = unknown[];

function scenario(defs: Record<string, Op[]>, resources: Record<string, object> = {}): string {
  return JSON.stringify({ format: 'simloop-scenario/1', main: 'main', resources, defs });
}

function run(defs: Record<string, Op[]>, resources?: Record<string, object>): string {
  return reference.run(scenario(defs, resources));
}

const lines = (...ls: string[]): string => ls.join('\n');

function logLines(trace: string): string[] {
  return trace
    .split('\n')
    .map((line) => /^\d+ \S+ log (.*)$/.exec(line)?.[1])
    .filter((text): text is string => text !== undefined);
}

const scenarioFile = (base: string): URL => new URL(`../scenarios/${base}`, import.meta.url);

describe('seed examples (asyncio-task-cancel-itself.txt)', () => {
  const seeds = [
    {
      base: 'seed-1-self-cancel-next-yield',
      printed: ['Task is starting', 'Main saw the task cancel', 'Main is done'],
      // work cancels itself at 500; the CancelledError lands at its next
      // suspension (the second sleep), so "Task is done" never prints.
      trace: lines(
        '0 main start',
        '0 main spawn t',
        '0 t start',
        '0 t log Task is starting',
        '500 t cancel self -> true',
        '500 t exit raise CancelledError',
        '500 main caught CancelledError',
        '500 main log Main saw the task cancel',
        '500 main log Main is done',
        '500 main exit return null',
        '500 - run -> return null',
      ),
    },
    {
      base: 'seed-2-self-cancel-on-return',
      printed: ['Task is starting', 'Task is done', 'Main saw the task cancel', 'Main is done'],
      // No suspension after the cancel: the body returns normally (exit
      // return), and the task is still marked cancelled when it finishes.
      trace: lines(
        '0 main start',
        '0 main spawn t',
        '0 t start',
        '0 t log Task is starting',
        '0 t cancel self -> true',
        '0 t log Task is done',
        '0 t exit return null',
        '0 main caught CancelledError',
        '0 main log Main saw the task cancel',
        '0 main log Main is done',
        '0 main exit return null',
        '0 - run -> return null',
      ),
    },
    {
      base: 'seed-3-self-cancel-cancels-child',
      printed: ['Task is starting', 'Subtask is cancelled', 'Main saw the task cancel', 'Main is done'],
      // `await sub` with a pending cancel: Task.__step cancels the awaited
      // sub first; sub handles, logs and re-raises; then t ends cancelled.
      trace: lines(
        '0 main start',
        '0 main spawn t',
        '0 t start',
        '0 t log Task is starting',
        '0 t spawn sub',
        '0 sub start',
        '500 t cancel self -> true',
        '500 sub caught CancelledError',
        '500 sub log Subtask is cancelled',
        '500 sub exit raise CancelledError',
        '500 t exit raise CancelledError',
        '500 main caught CancelledError',
        '500 main log Main saw the task cancel',
        '500 main log Main is done',
        '500 main exit return null',
        '500 - run -> return null',
      ),
    },
  ];

  for (const seed of seeds) {
    it(seed.base, () => {
      const text = readFileSync(scenarioFile(`${seed.base}.json`), 'utf8');
      const trace = reference.run(text);
      expect(logLines(trace)).toEqual(seed.printed);
      expect(trace).toBe(seed.trace);
      expect(readFileSync(scenarioFile(`${seed.base}.trace`), 'utf8')).toBe(`${trace}\n`);
    });
  }
});

describe('reference loop', () => {
  it('loads once and runs scenarios repeatedly with the same result', async () => {
    expect(await loadReference()).toBe(reference);
    const text = scenario({ main: [['sleep', 3], ['return', 'ok']] });
    const expected = lines('0 main start', '3 main exit return "ok"', '3 - run -> return "ok"');
    expect(reference.run(text)).toBe(expected);
    expect(reference.run(text)).toBe(expected);
  });

  it('fires timers due at the same tick in the order they were scheduled', () => {
    // Stock CPython's heap pops these six equal deadlines as a b e f d c.
    const trace = run({
      main: [...[...'abcdef'].map((v): Op => ['spawn', v, 'w']), ['sleep', 20]],
      w: [['sleep', 10], ['log', 'woke']],
    });
    expect(trace).toBe(
      lines(
        '0 main start',
        ...[...'abcdef'].map((v) => `0 main spawn ${v}`),
        ...[...'abcdef'].map((v) => `0 ${v} start`),
        ...[...'abcdef'].flatMap((v) => [`10 ${v} log woke`, `10 ${v} exit return null`]),
        '20 main exit return null',
        '20 - run -> return null',
      ),
    );
  });

  it('lands exactly on a deadline beyond MAXIMUM_SELECT_TIMEOUT (86400)', () => {
    expect(run({ main: [['sleep', 200_001], ['log', 'late']] })).toBe(
      lines('0 main start', '200001 main log late', '200001 main exit return null', '200001 - run -> return null'),
    );
  });

  it('reports a deadlock and stops there, with no clean-up', () => {
    const trace = run(
      {
        main: [['spawn', 'w', 'waiter'], ['sleep', 5], ['log', 'waiting'], ['event_wait', 'e']],
        waiter: [['try', [['event_wait', 'e']], [], [['log', 'never']]]],
      },
      { e: { kind: 'event' } },
    );
    expect(trace).toBe(lines('0 main start', '0 main spawn w', '0 w start', '5 main log waiting', '5 - run -> deadlock'));
  });

  it('cancels tasks still pending after main, in creation order, and lets them finish', () => {
    // a and b start in the iteration that also stops the loop after main;
    // the clean-up then cancels both and gathers them.
    const trace = run({
      main: [['spawn', 'a', 'w'], ['spawn', 'b', 'w'], ['return', 7]],
      w: [['try', [['sleep', 100]], [['CancelledError', [['log', 'cancelled'], ['sleep', 5]]]], [['log', 'bye']]]],
    });
    expect(trace).toBe(
      lines(
        '0 main start',
        '0 main spawn a',
        '0 main spawn b',
        '0 main exit return 7',
        '0 a start',
        '0 b start',
        '0 a caught CancelledError',
        '0 a log cancelled',
        '0 b caught CancelledError',
        '0 b log cancelled',
        '5 a finally',
        '5 a log bye',
        '5 a exit return null',
        '5 b finally',
        '5 b log bye',
        '5 b exit return null',
        '5 - run -> return 7',
      ),
    );
  });

  it('reports a deadlock during the clean-up after its events', () => {
    const trace = run(
      {
        main: [['spawn', 't', 'w'], ['sleep', 1]],
        w: [['try', [['event_wait', 'e']], [['CancelledError', [['log', 'c'], ['event_wait', 'e']]]]]],
      },
      { e: { kind: 'event' } },
    );
    expect(trace).toBe(
      lines(
        '0 main start',
        '0 main spawn t',
        '0 t start',
        '1 main exit return null',
        '1 t caught CancelledError',
        '1 t log c',
        '1 - run -> deadlock',
      ),
    );
  });
});

describe('ops and rendering', () => {
  it('renders a cancel message, and an empty one as plain CancelledError', () => {
    const trace = run({
      main: [
        ['spawn', 't', 'w'],
        ['sleep', 1],
        ['cancel', 't', 'stop now'],
        ['try', [['await', 't']], [['CancelledError', [['status', 't']]]]],
        ['spawn', 'u', 'w'],
        ['sleep', 1],
        ['cancel', 'u', ''],
        ['try', [['await', 'u']], [['CancelledError', [['log', 'plain']]]]],
      ],
      w: [['sleep', 100]],
    });
    expect(trace).toBe(
      lines(
        '0 main start',
        '0 main spawn t',
        '0 t start',
        '1 main cancel t -> true',
        '1 t exit raise CancelledError(stop now)',
        '1 main caught CancelledError(stop now)',
        '1 main status t -> cancelled',
        '1 main spawn u',
        '1 u start',
        '2 main cancel u -> true',
        '2 u exit raise CancelledError',
        '2 main caught CancelledError',
        '2 main log plain',
        '2 main exit return null',
        '2 - run -> return null',
      ),
    );
  });

  it('raises ExceptionGroup[...] from a TaskGroup whose children fail', () => {
    // a and b fail in one iteration; a's done callback aborts the group
    // (cancelling c, then main); b's adds the second error. The group then
    // waits for c, uncancels main and raises both errors in order.
    const trace = run({
      main: [
        ['try', [['group', [['spawn', 'a', 'boom'], ['spawn', 'b', 'bang'], ['spawn', 'c', 'slow']]]], [['ExceptionGroup', [['cancelling']]]]],
        ['status', 'c'],
        ['return', 'done'],
      ],
      boom: [['sleep', 10], ['raise', 'Boom']],
      bang: [['sleep', 10], ['raise', 'Bang']],
      slow: [['sleep', 100]],
    });
    expect(trace).toBe(
      lines(
        '0 main start',
        '0 main spawn a',
        '0 main spawn b',
        '0 main spawn c',
        '0 a start',
        '0 b start',
        '0 c start',
        '10 a exit raise Boom',
        '10 b exit raise Bang',
        '10 c exit raise CancelledError',
        '10 main caught ExceptionGroup[Boom,Bang]',
        '10 main cancelling -> 0',
        '10 main status c -> cancelled',
        '10 main exit return "done"',
        '10 - run -> return "done"',
      ),
    );
  });

  it('gathers results and errors with return_exceptions', () => {
    // d is cancelled before its first step, so its body never starts.
    const trace = run({
      main: [
        ['spawn', 'a', 'one'],
        ['spawn', 'b', 'boom'],
        ['spawn', 'c', 'x'],
        ['spawn', 'd', 'x'],
        ['cancel', 'd'],
        ['gather', ['a', 'b', 'c', 'd'], true],
      ],
      one: [['return', 1]],
      boom: [['raise', 'Boom']],
      x: [['sleep', 5], ['return', 'x']],
    });
    expect(trace).toBe(
      lines(
        '0 main start',
        '0 main spawn a',
        '0 main spawn b',
        '0 main spawn c',
        '0 main spawn d',
        '0 main cancel d -> true',
        '0 a start',
        '0 a exit return 1',
        '0 b start',
        '0 b exit raise Boom',
        '0 c start',
        '5 c exit return "x"',
        '5 main gather -> [1,error Boom,"x",error CancelledError]',
        '5 main exit return null',
        '5 - run -> return null',
      ),
    );
  });

  it('waits FIRST_COMPLETED, with names sorted', () => {
    // c and a finish in the same iteration; wait's waiter resolves on c's
    // callback, and by the time main resumes both are done.
    const trace = run({
      main: [['spawn', 'c', 's5'], ['spawn', 'a', 's5'], ['spawn', 'b', 's10'], ['wait', ['c', 'b', 'a'], 'FIRST_COMPLETED', null]],
      s5: [['sleep', 5]],
      s10: [['sleep', 10]],
    });
    expect(trace).toBe(
      lines(
        '0 main start',
        '0 main spawn c',
        '0 main spawn a',
        '0 main spawn b',
        '0 c start',
        '0 a start',
        '0 b start',
        '5 c exit return null',
        '5 a exit return null',
        '5 main wait -> done [a,c] pending [b]',
        '5 main exit return null',
        '5 b exit raise CancelledError',
        '5 - run -> return null',
      ),
    );
  });

  it('puts and gets through a bounded queue', () => {
    const trace = run(
      {
        main: [['spawn', 'c', 'consumer'], ['put', 'q', 1], ['put', 'q', 'two'], ['put', 'q', null], ['queue_join', 'q']],
        consumer: [['repeat', 3, [['get', 'q'], ['sleep', 1], ['task_done', 'q']]]],
      },
      { q: { kind: 'queue', maxsize: 1 } },
    );
    expect(trace).toBe(
      lines(
        '0 main start',
        '0 main spawn c',
        '0 main put q 1',
        '0 c start',
        '0 c get q -> 1',
        '0 main put q "two"',
        '1 c get q -> "two"',
        '1 main put q null',
        '2 c get q -> null',
        '3 c exit return null',
        '3 main queue_join q',
        '3 main exit return null',
        '3 - run -> return null',
      ),
    );
  });

  it('raises RuntimeError for reraise outside a handler', () => {
    expect(run({ main: [['try', [['reraise']], [['RuntimeError', [['log', 'caught']]]]], ['reraise']] })).toBe(
      lines(
        '0 main start',
        '0 main caught RuntimeError',
        '0 main log caught',
        '0 main exit raise RuntimeError',
        '0 - run -> raise RuntimeError',
      ),
    );
  });

  it('re-raises the error a finally was entered with, after a nested handler', () => {
    const trace = run({
      main: [['try', [['raise', 'Boom']], [], [['log', 'f'], ['try', [['raise', 'Inner']], [['Inner', [['log', 'inner']]]]], ['reraise']]]],
    });
    expect(trace).toBe(
      lines(
        '0 main start',
        '0 main finally',
        '0 main log f',
        '0 main caught Inner',
        '0 main log inner',
        '0 main exit raise Boom',
        '0 - run -> raise Boom',
      ),
    );
  });

  it('raises UnboundVar for a var used before its spawn ran', () => {
    const trace = run({
      main: [['try', [['await', 'x']], [['UnboundVar', [['log', 'too early']]]]], ['spawn', 'x', 'w'], ['await', 'x'], ['status', 'y'], ['spawn', 'y', 'w']],
      w: [['return', 5]],
    });
    expect(trace).toBe(
      lines(
        '0 main start',
        '0 main caught UnboundVar',
        '0 main log too early',
        '0 main spawn x',
        '0 x start',
        '0 x exit return 5',
        '0 main await x -> 5',
        '0 main exit raise UnboundVar',
        '0 - run -> raise UnboundVar',
      ),
    );
  });

  it('fails loudly on an op it does not understand', () => {
    expect(() => run({ main: [['try', [['frobnicate']], [['*', []]]]] })).toThrow(/op not understood/);
  });
});
