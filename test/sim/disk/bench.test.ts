// The disk benchmark at tiny sizes: each measurement verifies what it did
// (the bytes fsynced, what a crash kept); timing is never asserted.
import { expect, it } from 'vitest';
import { measureDisk } from '../../../bench/disk.js';

it('the disk benchmark runs and verifies every row at --quick sizes', () => {
  const rows = measureDisk({ rounds: 1_000, pending: 100 });
  expect(rows.map(([name]) => name)).toEqual([
    'sleep(0) round trip',
    'sleep(1): timer and wakeup',
    'write 64 B + fsync, plain run',
    'write 64 B + fsync, explored',
    'crash over 100 pending writes, plain run',
    'crash over 100 pending writes, explored',
  ]);
  for (const [, ns] of rows) expect(ns).toBeGreaterThan(0);
});
