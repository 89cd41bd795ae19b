import type { ShrinkState } from './shrink.js';

/**
 * Delta debugging over a list that shrinks as candidates are accepted: tries
 * chunks of `items()` from the last (later choices depend on earlier ones),
 * largest first, halving the size down to one (or to `lastSize`).
 * `attempt(chunk)` makes and tries the candidate without that chunk, true
 * when it became the best; the list is read again after every try. True
 * when any chunk went.
 *
 * @example
 * deltaDebug(state, () => nonZeroPositions(state.streams), (chunk) => state.attempt(zeroed(state.streams, chunk)));
 */
export function deltaDebug<T>(state: ShrinkState, items: () => readonly T[], attempt: (chunk: readonly T[]) => boolean, firstSize = items().length, lastSize = 1): boolean {
  let improved = false;
  const finest = Math.max(1, lastSize);
  for (let size = Math.max(1, firstSize); size >= 1; size = size <= finest ? 0 : Math.max(finest, Math.ceil(size / 2))) {
    for (let end = items().length; end > 0 && !state.exhausted; ) {
      const current = items();
      end = Math.min(end, current.length);
      const start = Math.max(0, end - size);
      if (attempt(current.slice(start, end))) improved = true;
      else end = start;
    }
  }
  return improved;
}
