import { showValue } from '../../show.js';

/**
 * A schedule: the choices a run made wherever more than one was possible, in
 * the order the loop asked for them. Choice 0 is always FIFO's answer, so the
 * empty schedule is asyncio's own run, and past its end a schedule answers 0.
 *
 * Written out, a schedule is one line: a version, options, then the choices
 * with runs of a repeated value compressed, trailing zeros dropped:
 *
 *     v1;0x3,1            three FIFO choices, then choice 1
 *     v1;cancel=*;0x7,1   with cancellation points of every task but main
 *     v1;                 the FIFO run
 *
 * @example
 * parseSchedule('v1;0x3,1').choices; // [0, 0, 0, 1]
 * formatSchedule({ choices: [0, 0, 0, 1, 0], cancel: null }); // 'v1;0x3,1'
 */
export interface Schedule {
  readonly choices: readonly number[];
  /**
   * Whose resumptions are cancellation points: a task name, `*` for every
   * task but main (so a task named `*` cannot be singled out), or null for none. It decides where choice points are, so
   * it belongs to the schedule.
   */
  readonly cancel: string | null;
}

/**
 * `cancel` value meaning every task except the main one.
 *
 * @example
 * explore(main, { policy: 'fifo', cancel: ANY_TASK }); // a cancellation at each resumption of each task, in turn
 */
export const ANY_TASK = '*';

const VERSION = 'v1';
const TOKEN = /^(0|[1-9][0-9]*)(?:x([1-9][0-9]*))?$/;
/** A bound on a written schedule's length, so a typo like `0x99999999999` fails fast. */
export const MAX_SCHEDULE_CHOICES = 10_000_000;

/**
 * A schedule string that cannot be read; the message says where and why.
 *
 * @example
 * parseSchedule('v2;1'); // throws ScheduleSyntaxError: malformed schedule "v2;1": version v2 is not supported (this simloop reads v1)
 */
export class ScheduleSyntaxError extends Error {
  override name = 'ScheduleSyntaxError';
}

/** The choices without their trailing zeros, which change nothing. */
export function trimChoices(choices: readonly number[]): number[] {
  let end = choices.length;
  while (end > 0 && choices[end - 1] === 0) end--;
  return choices.slice(0, end);
}

/** How many choices differ from FIFO's. */
export function countNonZero(choices: readonly number[]): number {
  let count = 0;
  for (const choice of choices) if (choice !== 0) count++;
  return count;
}

/**
 * The one-line form of a schedule (see Schedule).
 *
 * @example
 * formatSchedule({ choices: [0, 0, 0, 1, 0], cancel: null }); // 'v1;0x3,1'
 */
export function formatSchedule(schedule: Schedule): string {
  const parts = [VERSION];
  if (schedule.cancel !== null) parts.push(`cancel=${encodeTaskName(schedule.cancel)}`);
  parts.push(encodeChoices(trimChoices(schedule.choices)));
  return parts.join(';');
}

/**
 * Reads a schedule string; throws ScheduleSyntaxError naming the first thing wrong with it.
 *
 * @example
 * parseSchedule('v1;cancel=*;0x2,1'); // { choices: [0, 0, 1], cancel: '*' }
 */
export function parseSchedule(text: string): Schedule {
  if (typeof text !== 'string') throw new ScheduleSyntaxError(`a schedule must be a string, got ${typeof text}`);
  const parts = text.trim().split(';');
  const fail = (why: string): never => {
    throw new ScheduleSyntaxError(`malformed schedule ${showValue(text)}: ${why}`);
  };
  if (parts[0] !== VERSION) {
    fail(/^v\d+$/.test(parts[0] ?? '') ? `version ${parts[0]} is not supported (this simloop reads ${VERSION})` : `it must start with "${VERSION};"`);
  }
  if (parts.length < 2) fail(`the choices are missing after "${VERSION};"`);
  let cancel: string | null = null;
  for (const option of parts.slice(1, -1)) {
    const match = /^cancel=(.+)$/.exec(option);
    if (match === null) fail(`unknown option "${option}" (the only option is cancel=TASK)`);
    if (cancel !== null) fail('cancel= is given twice');
    cancel = decodeTaskName(match![1] as string, fail);
  }
  return { choices: decodeChoices(parts[parts.length - 1] as string, fail), cancel };
}

/** A schedule given as text or as an object, checked either way. */
export function toSchedule(schedule: string | Schedule): Schedule {
  if (typeof schedule === 'string') return parseSchedule(schedule);
  for (const choice of schedule.choices) {
    if (!Number.isSafeInteger(choice) || choice < 0) throw new ScheduleSyntaxError(`a choice must be a non-negative integer, got ${choice}`);
  }
  return { choices: [...schedule.choices], cancel: schedule.cancel ?? null };
}

function encodeChoices(choices: readonly number[]): string {
  const tokens: string[] = [];
  for (let i = 0; i < choices.length; ) {
    const value = choices[i] as number;
    let end = i + 1;
    while (end < choices.length && choices[end] === value) end++;
    const repeat = end - i;
    tokens.push(repeat === 1 ? `${value}` : `${value}x${repeat}`);
    i = end;
  }
  return tokens.join(',');
}

function decodeChoices(text: string, fail: (why: string) => never): number[] {
  const choices: number[] = [];
  if (text === '') return choices;
  text.split(',').forEach((token, index) => {
    const match = TOKEN.exec(token);
    if (match === null) fail(`choice ${index + 1} "${token}" is not N or NxCOUNT (N and COUNT decimal, no leading zeros)`);
    const value = Number(match![1]);
    const repeat = match![2] === undefined ? 1 : Number(match![2]);
    if (!Number.isSafeInteger(value)) fail(`choice ${index + 1} "${token}" is too large`);
    if (choices.length + repeat > MAX_SCHEDULE_CHOICES) fail(`it has more than ${MAX_SCHEDULE_CHOICES} choices`);
    for (let k = 0; k < repeat; k++) choices.push(value);
  });
  return choices;
}

/** Task names are percent-encoded, so that `;` and `=` in a name cannot break the line. */
function encodeTaskName(name: string): string {
  return name === ANY_TASK ? ANY_TASK : encodeURIComponent(name);
}

function decodeTaskName(text: string, fail: (why: string) => never): string {
  if (text === ANY_TASK) return ANY_TASK;
  try {
    return decodeURIComponent(text);
  } catch {
    return fail(`cancel=${text} is not a percent-encoded task name`);
  }
}
