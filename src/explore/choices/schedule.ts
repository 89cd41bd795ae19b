import { showValue } from '../../show.js';
import { CHOICE_STREAMS, emptyStreams, streamIndex, streamsOf, worldOf, type WorldChoices } from './streams.js';

/**
 * A schedule: the choices a run made wherever more than one was possible, in
 * the order they were asked for, one list per stream (see CHOICE_STREAMS).
 * Choice 0 is always the fault-free, FIFO answer, so the empty schedule is
 * asyncio's own run, and past its end a stream answers 0.
 *
 * Written out, a schedule is one line: a version, options, then the choices
 * with runs of a repeated value compressed, trailing zeros dropped. A run with
 * scheduling choices only is written in version 1; one with choices of a
 * simulated world in version 2, each stream by name:
 *
 *     v1;0x3,1                    three FIFO choices, then choice 1
 *     v1;cancel=*;0x7,1           with cancellation points of every task but main
 *     v1;                         the FIFO run
 *     v2;sched=0x3,1;net=0x12,1   and the world's 13th network choice not the fault-free one
 *
 * @example
 * parseSchedule('v1;0x3,1').choices; // [0, 0, 0, 1]
 * formatSchedule({ choices: [0, 0, 0, 1, 0], cancel: null }); // 'v1;0x3,1'
 */
export interface Schedule {
  /** The scheduler's choices (the `sched` stream). */
  readonly choices: readonly number[];
  /** The simulated world's choices, by stream; absent or empty for a program without a world. */
  readonly world?: WorldChoices;
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
const WORLD_VERSION = 'v2';
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

/** Whether two lists of one stream's choices are the same, trailing zeros aside. */
export function sameChoices(a: readonly number[], b: readonly number[]): boolean {
  return trimChoices(a).join() === trimChoices(b).join();
}

/** How many choices differ from FIFO's. */
export function countNonZero(choices: readonly number[]): number {
  let count = 0;
  for (const choice of choices) if (choice !== 0) count++;
  return count;
}

/**
 * The one-line form of a schedule (see Schedule): version 1 unless the world
 * made a choice other than 0.
 *
 * @example
 * formatSchedule({ choices: [0, 0, 0, 1, 0], cancel: null }); // 'v1;0x3,1'
 * formatSchedule({ choices: [1], cancel: null, world: { crash: [0, 2] } }); // 'v2;sched=1;crash=0,2'
 */
export function formatSchedule(schedule: Schedule): string {
  const streams = streamsOf(schedule.choices, schedule.world).map(trimChoices);
  const worldUsed = streams.some((choices, index) => index > 0 && choices.length > 0);
  const parts = [worldUsed ? WORLD_VERSION : VERSION];
  if (schedule.cancel !== null) parts.push(`cancel=${encodeTaskName(schedule.cancel)}`);
  if (!worldUsed) parts.push(encodeChoices(streams[0] ?? []));
  else streams.forEach((choices, index) => choices.length > 0 && parts.push(`${CHOICE_STREAMS[index]}=${encodeChoices(choices)}`));
  return parts.join(';');
}

/**
 * Reads a schedule string; throws ScheduleSyntaxError naming the first thing wrong with it.
 *
 * @example
 * parseSchedule('v1;cancel=*;0x2,1'); // { choices: [0, 0, 1], cancel: '*' }
 * parseSchedule('v2;sched=1;net=0x2,1').world; // { net: [0, 0, 1] }
 */
export function parseSchedule(text: string): Schedule {
  if (typeof text !== 'string') throw new ScheduleSyntaxError(`a schedule must be a string, got ${typeof text}`);
  const parts = text.trim().split(';');
  const fail = (why: string): never => {
    throw new ScheduleSyntaxError(`malformed schedule ${showValue(text)}: ${why}`);
  };
  const version = parts[0] ?? '';
  if (version !== VERSION && version !== WORLD_VERSION) {
    fail(
      /^v\d+$/.test(version)
        ? `version ${version} is not supported (this simloop reads ${VERSION} and ${WORLD_VERSION})`
        : `it must start with "${VERSION};" or "${WORLD_VERSION};"`,
    );
  }
  if (version === VERSION) return parseVersion1(parts, fail);
  let cancel: string | null = null;
  const streams = emptyStreams();
  const named = new Set<string>();
  for (const part of parts.slice(1)) {
    if (part === '') continue;
    const match = /^([a-z]+)=(.*)$/s.exec(part);
    const name = match?.[1] ?? '';
    if (name === 'cancel') {
      if (cancel !== null) fail('cancel= is given twice');
      cancel = decodeTaskName(match?.[2] ?? '', fail);
    } else if ((CHOICE_STREAMS as readonly string[]).includes(name)) {
      if (named.has(name)) fail(`${name}= is given twice`);
      named.add(name);
      streams[streamIndex(name)] = decodeChoices(match?.[2] ?? '', fail);
    } else {
      fail(`unknown part "${part}" (a ${WORLD_VERSION} schedule has cancel=TASK and STREAM=CHOICES, the streams being ${CHOICE_STREAMS.join(', ')})`);
    }
  }
  return { choices: streams[0] as number[], cancel, world: worldOf(streams) };
}

function parseVersion1(parts: readonly string[], fail: (why: string) => never): Schedule {
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
  for (const stream of Object.keys(schedule.world ?? {})) {
    if (stream === 'sched' || !(CHOICE_STREAMS as readonly string[]).includes(stream)) {
      throw new ScheduleSyntaxError(`unknown world stream ${JSON.stringify(stream)}: the world's streams are ${CHOICE_STREAMS.slice(1).join(', ')}`);
    }
  }
  const streams = streamsOf(schedule.choices, schedule.world);
  for (const choice of streams.flat()) {
    if (!Number.isSafeInteger(choice) || choice < 0) throw new ScheduleSyntaxError(`a choice must be a non-negative integer, got ${choice}`);
  }
  return { choices: streams[0] as number[], cancel: schedule.cancel ?? null, world: worldOf(streams) };
}

/** A schedule's choices as one list per stream (see CHOICE_STREAMS). */
export function scheduleStreams(schedule: Schedule): number[][] {
  return streamsOf(schedule.choices, schedule.world);
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
