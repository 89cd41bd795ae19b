/** How values appear in messages and descriptions: as JSON where JSON can write them. */

/** A value as a file would have it (`"x"`, `[1,2]`), `nothing` for undefined, `String` where JSON cannot (Infinity, cycles). */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    const text = JSON.stringify(value);
    if (typeof text === 'string') return text;
  } catch {
    // a cycle or a bigint: fall through
  }
  return String(value);
}
