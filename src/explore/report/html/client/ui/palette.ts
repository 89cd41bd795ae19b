import type { MarkKind, Span } from '../model/types.js';

/** The failure's colour: its line and mark, and what the screenshot test looks for. */
export const FAILURE = '#d50000';
/** An injected fault. */
export const FAULT = '#d32f2f';
/** A schedule's non-FIFO choice, and the world's own choices. */
export const CHOICE = '#f9a825';
export const WORLD_CHOICE = '#d81b60';
export const SELECTED = '#000000';

/** A task's states: the steps dark (how they ended), the waits light (on what). */
export function spanColor(span: Span): string {
  if (span.kind === 'step') return span.outcome === 'raised' ? '#c62828' : span.outcome === 'returned' ? '#2e7d32' : '#283593';
  return WAIT_COLORS[span.kind];
}

export const WAIT_COLORS = {
  pending: '#eceff1',
  ready: '#c8e6c9',
  sleep: '#bbdefb',
  yield: '#e1f5fe',
  'await-task': '#d1c4e9',
  await: '#ffe0b2',
  other: '#e0e0e0',
} as const;

export const MARK_COLORS: Readonly<Record<MarkKind, string>> = {
  spawn: '#78909c',
  finished: '#2e7d32',
  raised: '#c62828',
  cancelled: '#ef6c00',
  abandoned: '#212121',
  'cancel-requested': '#ef6c00',
  'cancel-delivered': '#e65100',
  timer: '#90a4ae',
  choice: CHOICE,
  world: '#607d8b',
  end: '#2e7d32',
  failure: FAILURE,
};

export const LINK_COLORS = { spawn: '#b0bec5', wakeup: '#7e57c2', cancel: '#ef6c00', message: '#1565c0' } as const;

/** The stretches' shades, by kind; any other kind gets the last. */
export const BAND_COLORS: Readonly<Record<string, string>> = {
  down: 'rgba(211, 47, 47, 0.13)',
  paused: 'rgba(249, 168, 37, 0.18)',
  partition: 'rgba(121, 85, 72, 0.14)',
  other: 'rgba(96, 125, 139, 0.12)',
};

/**
 * A world event's colour, by what its action is about: messages, a host's
 * life, disks, clocks, BUGGIFY; any new action gets the neutral one. A fault
 * is drawn in the fault colour whatever its action.
 */
export function worldColor(action: string, fault: boolean): string {
  if (fault) return FAULT;
  for (const [pattern, color] of WORLD_COLORS) if (pattern.test(action)) return color;
  return '#607d8b';
}

const WORLD_COLORS: readonly (readonly [RegExp, string])[] = [
  [/^(send|deliver|receive|duplicate|hold|release|drop)/, '#1565c0'],
  [/^(crash|restart|boot|recover|pause|resume|kill|bounce)/, '#37474f'],
  [/^(partition|repair|heal)/, '#795548'],
  [/^(disk|fsync|write|read|sync)/, '#6d4c41'],
  [/clock/, '#00838f'],
  [/buggify/, '#ad1457'],
];
