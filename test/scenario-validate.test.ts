import { describe, expect, it } from 'vitest';
import type { Scenario } from '../src/scenario/types.js';
import { OP_NAMES } from '../src/scenario/types.js';
import { parseScenario, ScenarioError } from '../src/scenario/validate.js';

const FORMAT = 'simloop-scenario/1';

/** Resources most tests can name. */
const RESOURCES = {
  e: { kind: 'event' },
  l: { kind: 'lock' },
  c: { kind: 'condition' },
  b: { kind: 'barrier', parties: 2 },
  q: { kind: 'queue' },
  pq: { kind: 'priority_queue' },
};

/**
 * A scenario whose main runs `ops`; var `t` is bound by a spawn in def
 * `binder`, listed after main so that main's ops are `defs.main[i]`.
 */
function withMain(ops: unknown[], more: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: FORMAT,
    main: 'main',
    resources: RESOURCES,
    defs: { main: ops, work: [], binder: [['spawn', 't', 'work']] },
    ...more,
  });
}

/** The message of the ScenarioError that parsing `text` throws. */
function rejection(text: string): string {
  try {
    parseScenario(text);
  } catch (error) {
    if (error instanceof ScenarioError) {
      expect(error.message).toBe(`${error.path}: ${error.problem}`);
      expect(error.message).not.toMatch(/[\r\n]/);
      return error.message;
    }
    throw error;
  }
  throw new Error('the scenario was accepted');
}

/** The message for a scenario whose main runs just `op`. */
function opRejection(op: unknown): string {
  return rejection(withMain([op]));
}

describe('a valid scenario', () => {
  const everyOp: Scenario = {
    format: FORMAT,
    name: 'every-op',
    main: 'main',
    resources: {
      e: { kind: 'event' },
      l: { kind: 'lock' },
      s: { kind: 'semaphore', value: 2 },
      bs: { kind: 'bounded_semaphore', value: 0 },
      c: { kind: 'condition' },
      b: { kind: 'barrier', parties: 1 },
      q: { kind: 'queue', maxsize: 1 },
      pq: { kind: 'priority_queue', maxsize: 0 },
      lq: { kind: 'lifo_queue', maxsize: 3 },
    },
    defs: {
      main: [
        ['log', 'Main is starting'],
        ['spawn', 't', 'work'],
        ['spawn', 'u', 'work'],
        ['sleep', 0],
        ['await', 't'],
        ['cancel', 'u'],
        ['cancel', 'u', 'stop'],
        ['cancel', 'self'],
        ['uncancel'],
        ['cancelling'],
        ['status', 't'],
        ['try', [['raise', 'Boom']], [['Boom', [['reraise']]], ['*', []]]],
        ['try', [], [], [['log', 'finally']]],
        ['repeat', 2, [['sleep', 1]]],
        ['shield', 't'],
        ['wait_for', 't', 10],
        ['timeout', 5, [['sleep', 10]]],
        ['group', [['spawn', 'g', 'work']]],
        ['gather', ['t', 'u'], true],
        ['wait', ['t', 'u'], 'FIRST_COMPLETED', null],
        ['wait', [], 'ALL_COMPLETED', 0],
        ['event_set', 'e'],
        ['event_clear', 'e'],
        ['event_wait', 'e'],
        ['with', 'l', [['with', 's', []], ['with', 'bs', []]]],
        ['with', 'c', [['cond_wait', 'c'], ['cond_notify', 'c', 1], ['cond_notify_all', 'c']]],
        ['put', 'q', 'x'],
        ['put', 'q', null],
        ['put', 'pq', 3],
        ['put', 'pq', -4],
        ['put', 'lq', 'y'],
        ['get', 'q'],
        ['task_done', 'q'],
        ['queue_join', 'q'],
        ['barrier_wait', 'b'],
        ['return', 7],
      ],
      work: [['return', null]],
    },
  };

  it('uses every op of the format', () => {
    const used = new Set<string>();
    const visit = (value: unknown): void => {
      if (!Array.isArray(value)) return;
      if (typeof value[0] === 'string' && (OP_NAMES as readonly string[]).includes(value[0])) used.add(value[0]);
      value.forEach(visit);
    };
    Object.values(everyOp.defs).forEach(visit);
    expect([...used].sort()).toEqual([...OP_NAMES].sort());
  });

  it('parses to the same data it was written from', () => {
    expect(parseScenario(JSON.stringify(everyOp))).toEqual(everyOp);
  });

  it('fills in defaults: no resources, semaphore value 1, queue maxsize 0', () => {
    const text = JSON.stringify({
      format: FORMAT,
      main: 'main',
      defs: { main: [] },
    });
    expect(parseScenario(text)).toEqual({ format: FORMAT, main: 'main', resources: {}, defs: { main: [] } });
    const kinds = ['semaphore', 'bounded_semaphore', 'queue', 'priority_queue', 'lifo_queue'];
    const resources = Object.fromEntries(kinds.map((kind) => [kind, { kind }]));
    expect(parseScenario(withMain([], { resources })).resources).toEqual({
      semaphore: { kind: 'semaphore', value: 1 },
      bounded_semaphore: { kind: 'bounded_semaphore', value: 1 },
      queue: { kind: 'queue', maxsize: 0 },
      priority_queue: { kind: 'priority_queue', maxsize: 0 },
      lifo_queue: { kind: 'lifo_queue', maxsize: 0 },
    });
  });

  it('ignores unknown top-level keys and a name that is not a string', () => {
    const scenario = parseScenario(withMain([], { comment: 'hi', name: 3 }));
    expect(Object.keys(scenario)).toEqual(['format', 'main', 'resources', 'defs']);
  });

  it('reads 1.0 as the integer 1 and -0 as 0', () => {
    const text = `{"format":"${FORMAT}","main":"m","defs":{"m":[["sleep",1.0],["return",-0]]}}`;
    expect(parseScenario(text).defs['m']).toEqual([['sleep', 1], ['return', 0]]);
    expect(Object.is(parseScenario(text).defs['m']![1]![1], 0)).toBe(true);
  });

  it('lets a var be used before its spawn, in another def, and a spawning def run twice', () => {
    const text = JSON.stringify({
      format: FORMAT,
      main: 'main',
      defs: {
        main: [['await', 'inner'], ['spawn', 'a', 'outer'], ['spawn', 'b', 'outer']],
        outer: [['spawn', 'inner', 'leaf']],
        leaf: [],
      },
    });
    expect(parseScenario(text).defs['main']![0]).toEqual(['await', 'inner']);
  });

  it('knows resources declared after defs', () => {
    const text = `{"format":"${FORMAT}","main":"m","defs":{"m":[["event_set","e"]]},"resources":{"e":{"kind":"event"}}}`;
    expect(parseScenario(text).resources).toEqual({ e: { kind: 'event' } });
  });

  it('keeps a def named "__proto__" as an ordinary def', () => {
    const text = `{"format":"${FORMAT}","main":"__proto__","defs":{"__proto__":[["log","hi"]]}}`;
    const scenario = parseScenario(text);
    expect(Object.hasOwn(scenario.defs, '__proto__')).toBe(true);
    expect(scenario.defs['__proto__']).toEqual([['log', 'hi']]);
  });

  it('lets each priority_queue have its own value type', () => {
    const resources = { p1: { kind: 'priority_queue' }, p2: { kind: 'priority_queue' } };
    expect(() => parseScenario(withMain([['put', 'p1', 1], ['put', 'p2', 'a'], ['put', 'p1', 2]], { resources }))).not.toThrow();
  });
});

describe('the whole file', () => {
  it('rejects text that is not JSON', () => {
    expect(rejection('')).toBe('$: invalid JSON: Unexpected end of JSON input');
  });

  it('keeps a JSON error on one line even when the parser quotes several lines', () => {
    expect(rejection('{\n"format":\n}')).toMatch(/^\$: invalid JSON: .*\\n/);
  });

  it('rejects JSON that is not an object', () => {
    expect(rejection('[1]')).toBe('$: a scenario must be a JSON object, got [1]');
  });

  it('rejects a missing or different format, before anything else', () => {
    expect(rejection('{"main":"m","defs":{}}')).toBe('format: missing; expected "simloop-scenario/1"');
    expect(rejection('{"main":3,"defs":{},"format":"simloop-scenario/2"}')).toBe(
      'format: expected "simloop-scenario/1", got "simloop-scenario/2"',
    );
  });

  it('rejects a missing, non-string or undeclared main', () => {
    expect(rejection(`{"format":"${FORMAT}","defs":{}}`)).toBe('main: missing; expected the name of a def');
    expect(rejection(`{"format":"${FORMAT}","main":3,"defs":{}}`)).toBe(
      'main: expected the name of a def (a string), got 3',
    );
    expect(rejection(`{"format":"${FORMAT}","main":"m","defs":{"n":[]}}`)).toBe('main: "m" is not declared in defs');
  });

  it('rejects missing or malformed defs', () => {
    expect(rejection(`{"format":"${FORMAT}","main":"m"}`)).toBe(
      'defs: missing; expected an object mapping def names to lists of ops',
    );
    expect(rejection(`{"format":"${FORMAT}","main":"m","defs":[]}`)).toBe(
      'defs: expected an object mapping def names to lists of ops, got []',
    );
    expect(rejection(`{"format":"${FORMAT}","main":"m","defs":{"m":[],"":[]}}`)).toBe(
      'defs: def name "" must be non-empty and hold no whitespace',
    );
    expect(rejection(`{"format":"${FORMAT}","main":"m","defs":{"m":{}}}`)).toBe('defs.m: body must be a list of ops, got {}');
  });
});

describe('op shape', () => {
  it('rejects an op that is not a non-empty array', () => {
    expect(opRejection({ log: 'x' })).toBe('defs.main[0]: an op must be an array ["name", ...arguments], got {"log":"x"}');
    expect(opRejection([])).toBe('defs.main[0]: an op must be an array ["name", ...arguments], got []');
  });

  it('rejects an op whose name is not a string', () => {
    expect(opRejection([3])).toBe('defs.main[0]: an op\'s first element must be its name (a string), got 3');
  });

  it('rejects an unknown op', () => {
    expect(opRejection(['sleeep', 1])).toBe('defs.main[0]: unknown op "sleeep"');
  });

  it('rejects a wrong number of arguments, naming the arguments', () => {
    expect(opRejection(['sleep', 1, 2])).toBe('defs.main[0]: op "sleep" takes 1 argument (ticks), got 2');
    expect(opRejection(['spawn', 'x'])).toBe('defs.main[0]: op "spawn" takes 2 arguments (var, def), got 1');
    expect(opRejection(['cancel'])).toBe('defs.main[0]: op "cancel" takes 1 or 2 arguments (target, msg), got 0');
    expect(opRejection(['try', []])).toBe('defs.main[0]: op "try" takes 2 or 3 arguments (body, handlers, finally), got 1');
    expect(opRejection(['uncancel', 1])).toBe('defs.main[0]: op "uncancel" takes no arguments, got 1');
  });

  it('rejects ops nested more than 100 levels deep', () => {
    let ops: unknown[] = [['log', 'deep']];
    for (let level = 0; level < 100; level += 1) ops = [['group', ops]];
    const path = `defs.main${'[0][1]'.repeat(99)}[0]`;
    expect(opRejection(ops[0])).toBe(`${path}: group body nests ops deeper than 100 levels`);
  });
});

describe('paths', () => {
  const nested = (inner: unknown) => [
    ['log', 'ok'],
    ['try', [['log', 'ok']], [['Boom', []], ['*', [['log', 'ok'], inner]]], [['log', 'ok'], inner]],
  ];

  it('name an op in a try body as [1][j]', () => {
    expect(rejection(withMain([['log', 'ok'], ['try', [['log', 'ok'], ['nope']], []]]))).toBe(
      'defs.main[1][1][1]: unknown op "nope"',
    );
  });

  it('name an op in handler k as [2][k][1][j]', () => {
    expect(rejection(withMain(nested(['nope'])))).toBe('defs.main[1][2][1][1][1]: unknown op "nope"');
  });

  it('name an op in the finally block as [3][j]', () => {
    const ops = nested(['log', 'ok']);
    (ops[1]![3] as unknown[]).push(['nope']);
    expect(rejection(withMain(ops))).toBe('defs.main[1][3][2]: unknown op "nope"');
  });

  it('name an op in a repeat, timeout, group or with body by its argument index', () => {
    expect(opRejection(['repeat', 1, [['nope']]])).toBe('defs.main[0][2][0]: unknown op "nope"');
    expect(opRejection(['timeout', 1, [['nope']]])).toBe('defs.main[0][2][0]: unknown op "nope"');
    expect(opRejection(['group', [['log', 'x'], ['nope']]])).toBe('defs.main[0][1][1]: unknown op "nope"');
    expect(opRejection(['with', 'l', [['nope']]])).toBe('defs.main[0][2][0]: unknown op "nope"');
  });
});

describe('numbers', () => {
  it('rejects ticks that are fractional, negative, boolean, strings or too large', () => {
    expect(opRejection(['sleep', 1.5])).toBe('defs.main[0]: sleep ticks must be an integer >= 0, got 1.5');
    expect(opRejection(['sleep', -1])).toBe('defs.main[0]: sleep ticks must be an integer >= 0, got -1');
    expect(opRejection(['sleep', true])).toBe('defs.main[0]: sleep ticks must be an integer >= 0, got true');
    expect(opRejection(['sleep', '5'])).toBe('defs.main[0]: sleep ticks must be an integer >= 0, got "5"');
    expect(opRejection(['sleep', 1e300])).toBe('defs.main[0]: sleep ticks must be at most 2^53 - 1, got 1e+300');
  });

  it('rejects bad repeat, notify, wait_for and timeout numbers', () => {
    expect(opRejection(['repeat', -2, []])).toBe('defs.main[0]: repeat count must be an integer >= 0, got -2');
    expect(opRejection(['cond_notify', 'c', null])).toBe('defs.main[0]: cond_notify count must be an integer >= 0, got null');
    expect(opRejection(['wait_for', 't', null])).toBe('defs.main[0]: wait_for ticks must be an integer >= 0, got null');
    expect(opRejection(['timeout', 0.5, []])).toBe('defs.main[0]: timeout ticks must be an integer >= 0, got 0.5');
  });
});

describe('values and texts', () => {
  it('rejects values that are not strings, integers or null', () => {
    expect(opRejection(['return', 1.5])).toBe('defs.main[0]: return value must be a string, an integer or null, got 1.5');
    expect(opRejection(['return', false])).toBe('defs.main[0]: return value must be a string, an integer or null, got false');
    expect(opRejection(['put', 'q', { a: 1 }])).toBe('defs.main[0]: put value must be a string, an integer or null, got {"a":1}');
    expect(opRejection(['put', 'q', 2 ** 60])).toBe(
      'defs.main[0]: put value must be an integer between -(2^53 - 1) and 2^53 - 1, got 1152921504606847000',
    );
  });

  it('rejects log text with a newline', () => {
    expect(opRejection(['log', 'two\nlines'])).toBe('defs.main[0]: log text must be a string without line breaks, got "two\\nlines"');
    expect(opRejection(['log', 3])).toBe('defs.main[0]: log text must be a string without line breaks, got 3');
  });

  it('rejects a raise with no error name and a cancel message that is not a string', () => {
    expect(opRejection(['raise', ''])).toBe('defs.main[0]: raise error must be a non-empty string without line breaks, got ""');
    expect(opRejection(['cancel', 't', 5])).toBe('defs.main[0]: cancel msg must be a string without line breaks, got 5');
  });

  it('cuts long values short in messages', () => {
    expect(opRejection(['return', ['x'.repeat(100)]])).toBe(
      `defs.main[0]: return value must be a string, an integer or null, got ["${'x'.repeat(55)}...`,
    );
  });
});

describe('defs and resources named by ops', () => {
  it('rejects a spawn of an undeclared def', () => {
    expect(opRejection(['spawn', 'v', 'nowhere'])).toBe('defs.main[0]: spawn def "nowhere" is not declared in defs');
    expect(opRejection(['spawn', 'v', 1])).toBe('defs.main[0]: spawn def must be a def name (a string), got 1');
  });

  it('rejects an undeclared resource', () => {
    expect(opRejection(['event_wait', 'nope'])).toBe('defs.main[0]: event_wait event "nope" is not declared in resources');
    expect(opRejection(['get', 7])).toBe('defs.main[0]: get queue must be a resource name (a string), got 7');
  });

  it('rejects a resource of the wrong kind for each family of ops', () => {
    expect(opRejection(['event_set', 'q'])).toBe('defs.main[0]: event_set event must name an event, but "q" is a queue');
    expect(opRejection(['with', 'e', []])).toBe(
      'defs.main[0]: with resource must name a lock, semaphore, bounded_semaphore or condition, but "e" is an event',
    );
    expect(opRejection(['cond_wait', 'l'])).toBe('defs.main[0]: cond_wait condition must name a condition, but "l" is a lock');
    expect(opRejection(['queue_join', 'b'])).toBe(
      'defs.main[0]: queue_join queue must name a queue, priority_queue or lifo_queue, but "b" is a barrier',
    );
    expect(opRejection(['barrier_wait', 'c'])).toBe('defs.main[0]: barrier_wait barrier must name a barrier, but "c" is a condition');
  });
});

describe('vars', () => {
  it('rejects a var that no spawn binds, wherever it is used', () => {
    const unbound = 'defs.main[0]: var "x" is bound by no spawn';
    expect(opRejection(['await', 'x'])).toBe(unbound);
    expect(opRejection(['cancel', 'x'])).toBe(unbound);
    expect(opRejection(['status', 'x'])).toBe(unbound);
    expect(opRejection(['shield', 'x'])).toBe(unbound);
    expect(opRejection(['wait_for', 'x', 1])).toBe(unbound);
    expect(opRejection(['gather', ['t', 'x'], false])).toBe(unbound);
    expect(opRejection(['wait', ['x'], 'ALL_COMPLETED', null])).toBe(unbound);
  });

  it('rejects a var bound by two spawn ops, at the second', () => {
    expect(rejection(withMain([['spawn', 't', 'work']]))).toBe(
      'defs.binder[0]: var "t" is already bound by the spawn at defs.main[0]',
    );
  });

  it('rejects a spawn inside repeat at any depth', () => {
    const ops = [['repeat', 3, [['try', [['spawn', 'v', 'work']], []]]]];
    expect(rejection(withMain(ops))).toBe(
      'defs.main[0][2][0][1][0]: spawn may not appear inside repeat (at defs.main[0]): a var is bound by one spawn only',
    );
  });

  it('allows "self" only as the target of cancel', () => {
    const self = 'may not be "self"; only cancel may target "self"';
    expect(opRejection(['spawn', 'self', 'work'])).toBe(`defs.main[0]: spawn var ${self}`);
    expect(opRejection(['await', 'self'])).toBe(`defs.main[0]: await var ${self}`);
    expect(opRejection(['gather', ['t', 'self'], false])).toBe(`defs.main[0]: gather vars[1] ${self}`);
    expect(opRejection(['wait', ['self'], 'ALL_COMPLETED', null])).toBe(`defs.main[0]: wait vars[0] ${self}`);
  });

  it('rejects vars called "main" or "-", empty or with whitespace', () => {
    expect(opRejection(['spawn', 'main', 'work'])).toBe('defs.main[0]: spawn var may not be "main", the main task\'s name');
    expect(opRejection(['cancel', '-'])).toBe('defs.main[0]: cancel target may not be "-", which marks the lines of the run itself');
    expect(opRejection(['spawn', 'a b', 'work'])).toBe('defs.main[0]: spawn var must be a non-empty name without whitespace, got "a b"');
    expect(opRejection(['status', ''])).toBe('defs.main[0]: status var must be a non-empty name without whitespace, got ""');
    expect(opRejection(['await', 4])).toBe('defs.main[0]: await var must be a var name (a string), got 4');
  });

  it('rejects var lists that are not lists', () => {
    expect(opRejection(['gather', 't', false])).toBe('defs.main[0]: gather vars must be a list of var names, got "t"');
  });
});

describe('wait, gather and try arguments', () => {
  it('rejects an unknown wait mode and a bad wait timeout', () => {
    expect(opRejection(['wait', ['t'], 'FIRST', null])).toBe(
      'defs.main[0]: wait mode must be "FIRST_COMPLETED", "FIRST_EXCEPTION" or "ALL_COMPLETED", got "FIRST"',
    );
    expect(opRejection(['wait', ['t'], 'FIRST_EXCEPTION', 1.5])).toBe(
      'defs.main[0]: wait timeout must be an integer >= 0 or null, got 1.5',
    );
  });

  it('rejects a gather flag that is not a boolean', () => {
    expect(opRejection(['gather', ['t'], 1])).toBe('defs.main[0]: gather return_exceptions must be true or false, got 1');
  });

  it('rejects malformed handlers and bodies', () => {
    expect(opRejection(['try', {}, []])).toBe('defs.main[0]: try body must be a list of ops, got {}');
    expect(opRejection(['try', [], 'Boom'])).toBe('defs.main[0]: try handlers must be a list of [pattern, ops] pairs, got "Boom"');
    expect(opRejection(['try', [], [['*', []], ['Boom']]])).toBe(
      'defs.main[0]: try handler 1 must be a [pattern, ops] pair, got ["Boom"]',
    );
    expect(opRejection(['try', [], [['', []]]])).toBe(
      'defs.main[0]: try handler 0 pattern must be a non-empty string without line breaks, got ""',
    );
    expect(opRejection(['try', [], [['Boom', 'log']]])).toBe('defs.main[0]: try handler 0 ops must be a list of ops, got "log"');
    expect(opRejection(['try', [], [], null])).toBe('defs.main[0]: try finally must be a list of ops, got null');
    expect(opRejection(['group', 3])).toBe('defs.main[0]: group body must be a list of ops, got 3');
  });
});

describe('priority queues', () => {
  it('rejects null on a priority_queue', () => {
    expect(opRejection(['put', 'pq', null])).toBe(
      'defs.main[0]: put value may not be null on priority_queue "pq"; its values must be all integers or all strings',
    );
  });

  it('rejects mixing integers and strings on one priority_queue, anywhere in the file', () => {
    const text = JSON.stringify({
      format: FORMAT,
      main: 'main',
      resources: { pq: { kind: 'priority_queue' } },
      defs: { main: [['put', 'pq', 1]], other: [['repeat', 1, [['put', 'pq', 'a']]]] },
    });
    expect(rejection(text)).toBe(
      'defs.other[0][2][0]: put value is a string, but priority_queue "pq" got an integer at defs.main[0]; its values must be all integers or all strings',
    );
  });
});

describe('resources', () => {
  const declaring = (resources: unknown) => withMain([], { resources });

  it('rejects resources that are not an object, or a bad name', () => {
    expect(rejection(declaring([]))).toBe('resources: expected an object mapping names to resources, got []');
    expect(rejection(declaring({ '': { kind: 'lock' } }))).toBe('resources: resource name "" must be non-empty and hold no whitespace');
  });

  it('rejects an entry that is not an object or has a missing or unknown kind', () => {
    const kinds = 'expected one of event, lock, semaphore, bounded_semaphore, condition, barrier, queue, priority_queue, lifo_queue';
    expect(rejection(declaring({ r: 'lock' }))).toBe('resources.r: expected an object like {"kind":"event"}, got "lock"');
    expect(rejection(declaring({ r: {} }))).toBe(`resources.r: missing "kind"; ${kinds}`);
    expect(rejection(declaring({ r: { kind: 'stack' } }))).toBe(`resources.r: unknown kind "stack"; ${kinds}`);
  });

  it('rejects an unknown field', () => {
    expect(rejection(declaring({ q: { kind: 'queue', size: 1 } }))).toBe(
      'resources.q: unknown field "size"; a queue takes only "kind" and "maxsize"',
    );
    expect(rejection(declaring({ e: { kind: 'event', value: 1 } }))).toBe(
      'resources.e: unknown field "value"; an event takes no field but "kind"',
    );
  });

  it('rejects out-of-range semaphore values and queue sizes', () => {
    expect(rejection(declaring({ s: { kind: 'semaphore', value: -1 } }))).toBe('resources.s: value must be an integer >= 0, got -1');
    expect(rejection(declaring({ s: { kind: 'bounded_semaphore', value: true } }))).toBe(
      'resources.s: value must be an integer >= 0, got true',
    );
    expect(rejection(declaring({ q: { kind: 'lifo_queue', maxsize: 1.5 } }))).toBe('resources.q: maxsize must be an integer >= 0, got 1.5');
  });

  it('requires barrier parties, at least 1', () => {
    expect(rejection(declaring({ b: { kind: 'barrier' } }))).toBe('resources.b: missing "parties"; a barrier needs an integer >= 1');
    expect(rejection(declaring({ b: { kind: 'barrier', parties: 0 } }))).toBe('resources.b: parties must be an integer >= 1, got 0');
  });
});

describe('the first error in document order', () => {
  it('is the earlier op of two', () => {
    expect(rejection(withMain([['sleep', -1], ['nope']]))).toBe('defs.main[0]: sleep ticks must be an integer >= 0, got -1');
  });

  it('follows the order of the top-level fields in the file', () => {
    const defs = '"defs":{"m":[["nope"]]}';
    const resources = '"resources":{"r":{"kind":"stack"}}';
    const kinds = 'expected one of event, lock, semaphore, bounded_semaphore, condition, barrier, queue, priority_queue, lifo_queue';
    expect(rejection(`{"format":"${FORMAT}","main":"m",${defs},${resources}}`)).toBe('defs.m[0]: unknown op "nope"');
    expect(rejection(`{"format":"${FORMAT}","main":"m",${resources},${defs}}`)).toBe(`resources.r: unknown kind "stack"; ${kinds}`);
  });

  it('reports an unbound var before a later error, though bindings are global', () => {
    expect(rejection(withMain([['await', 'x'], ['nope']]))).toBe('defs.main[0]: var "x" is bound by no spawn');
  });

  it('leaves a use of a broken resource to the error at its declaration', () => {
    const text = `{"format":"${FORMAT}","main":"m","defs":{"m":[["event_set","r"]]},"resources":{"r":{"kind":"evnt"}}}`;
    expect(rejection(text)).toMatch(/^resources\.r: unknown kind "evnt"/);
  });

  it('leaves a main def in broken defs to the defs error', () => {
    expect(rejection(`{"format":"${FORMAT}","main":"m","defs":3}`)).toBe(
      'defs: expected an object mapping def names to lists of ops, got 3',
    );
  });
});

describe('ScenarioError', () => {
  it('carries the path and a one-line message', () => {
    const error = new ScenarioError('defs.main[0]', 'unknown op "x"');
    expect(error).toBeInstanceOf(Error);
    expect(error.path).toBe('defs.main[0]');
    expect(error.message).toBe('defs.main[0]: unknown op "x"');
    expect(() => parseScenario(withMain([['x']]))).toThrow(error);
  });
});
