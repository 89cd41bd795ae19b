/**
 * A run's choices come in streams, one per source of nondeterminism: the
 * scheduler's (`sched`: which ready callback, which of equal timers, where a
 * cancel goes) and one per subsystem of a simulated world. Each stream is
 * its own list, drawn from its own random generator, so removing one fault
 * while shrinking shifts no choice of any other stream. In every stream,
 * choice 0 is the fault-free answer (FIFO, deliver, no crash, the base
 * latency), so all zeros is asyncio's own run in a world without faults.
 *
 * @example
 * streamIndex('net'); // 1
 */
export const CHOICE_STREAMS = ['sched', 'net', 'disk', 'crash', 'clock', 'buggify', 'random'] as const;

/**
 * A stream of choices: see CHOICE_STREAMS.
 *
 * @example
 * const stream: ChoiceStream = 'net';
 */
export type ChoiceStream = (typeof CHOICE_STREAMS)[number];

/**
 * The streams of a simulated world's choices (every stream but the scheduler's).
 *
 * @example
 * loop.policy.chooseWorld?.('crash' satisfies WorldStream, 'crash', 2, [0.99, 0.01]);
 */
export type WorldStream = Exclude<ChoiceStream, 'sched'>;

/**
 * The world's choices of a schedule, by stream; a stream with no choices may be left out.
 *
 * @example
 * const world: WorldChoices = { net: [0, 0, 1], crash: [1] }; // formatSchedule: 'v2;net=0x2,1;crash=1'
 */
export type WorldChoices = { readonly [S in WorldStream]?: readonly number[] };

/**
 * A run's choices as one list per stream, in CHOICE_STREAMS order (index 0 is `sched`).
 *
 * @example
 * const streams: StreamChoices = [[0, 1], [0, 0, 1]]; // sched [0, 1], net [0, 0, 1]
 */
export type StreamChoices = readonly (readonly number[])[];

/** The position of `stream` in CHOICE_STREAMS; throws RangeError for an unknown name. */
export function streamIndex(stream: string): number {
  const index = (CHOICE_STREAMS as readonly string[]).indexOf(stream);
  if (index < 0) throw new RangeError(`unknown choice stream ${JSON.stringify(stream)}: the streams are ${CHOICE_STREAMS.join(', ')}`);
  return index;
}

/** One empty list per stream. */
export function emptyStreams(): number[][] {
  return CHOICE_STREAMS.map(() => []);
}

/** The streams as a schedule names them: `sched` choices, and the world's by stream name, empty ones left out. */
export function worldOf(streams: StreamChoices): WorldChoices {
  const world: { [S in WorldStream]?: readonly number[] } = {};
  CHOICE_STREAMS.forEach((stream, index) => {
    const choices = streams[index] ?? [];
    if (stream !== 'sched' && choices.length > 0) world[stream] = choices;
  });
  return world;
}

/** The streams of a schedule's parts: `choices` (sched) and the world's. */
export function streamsOf(sched: readonly number[], world: WorldChoices | undefined): number[][] {
  return CHOICE_STREAMS.map((stream) => [...(stream === 'sched' ? sched : (world?.[stream] ?? []))]);
}
