// The checker's benchmark judges histories made by running a real store
// (bench/check-histories.ts); at small sizes, they are what they claim:
// linearizable as made, not once the last read is corrupted. Correctness
// only: the figures are `npm run bench:check`.
import { describe, expect, it } from 'vitest';
import { storeHistory, type HistoryShape } from '../../bench/check-histories.js';
import { checkLinearizability } from '../../src/check/index.js';

const SMALL: HistoryShape = { operations: 400, processes: 8, keys: 4, durationMs: [1, 20], thinkMs: [0, 10], values: 5, infoRate: 0.05, corrupt: false, seed: 3 };

describe('the benchmark histories', () => {
  it('are linearizable as the store made them, for kv and register', () => {
    for (const keys of [4, 0]) {
      const history = storeHistory({ ...SMALL, keys });
      expect(history).toHaveLength(400);
      expect(history.some((op) => op.status === 'info')).toBe(true);
      expect(checkLinearizability(history, keys === 0 ? 'register' : 'kv').verdict).toBe('linearizable');
    }
  });

  it('are not linearizable once the last read is corrupted', () => {
    expect(checkLinearizability(storeHistory({ ...SMALL, infoRate: 0, corrupt: true }), 'kv').verdict).toBe('not linearizable');
  });

  it('are the same for the same seed', () => {
    expect(storeHistory(SMALL)).toEqual(storeHistory(SMALL));
  });
});
