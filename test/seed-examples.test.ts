import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../src/index.js';
import { main as cancelAtNextYield } from '../examples/seed/1-cancel-at-next-yield.js';
import { main as cancelOnReturn } from '../examples/seed/2-cancel-on-return.js';
import { main as cancelCancelsChild } from '../examples/seed/3-cancel-cancels-awaited-child.js';

/** Runs a seed example and returns the lines it printed. */
function printedBy(main: () => Generator<any, void, unknown>): string[] {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  try {
    run(main());
  } finally {
    spy.mockRestore();
  }
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe('the seed examples print exactly what asyncio prints', () => {
  it('a task that cancels itself sees CancelledError at its next yield', () => {
    expect(printedBy(cancelAtNextYield)).toEqual(['Task is starting', 'Main saw the task cancel', 'Main is done']);
  });

  it('a task that cancels itself and returns without yielding ends cancelled', () => {
    expect(printedBy(cancelOnReturn)).toEqual([
      'Task is starting',
      'Task is done',
      'Main saw the task cancel',
      'Main is done',
    ]);
  });

  it('a task that cancels itself and then awaits a child cancels the child', () => {
    expect(printedBy(cancelCancelsChild)).toEqual([
      'Task is starting',
      'Subtask is cancelled',
      'Main saw the task cancel',
      'Main is done',
    ]);
  });
});
