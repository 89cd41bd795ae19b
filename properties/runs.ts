/**
 * How many runs a property makes: its fixed CI count, times PROPERTY_RUNS_SCALE
 * when set, so a longer search is one variable away
 * (`PROPERTY_RUNS_SCALE=50 npx vitest run properties`). Seeds stay fixed, so a
 * failure prints a seed and a shrunk counterexample that replay.
 */
export function propertyRuns(base: number): number {
  const text = process.env['PROPERTY_RUNS_SCALE'];
  if (text === undefined || text === '') return base;
  const scale = Number(text);
  // Only larger: the minimum counts of checks some properties demand assume at least the CI runs.
  if (!(Number.isFinite(scale) && scale >= 1)) throw new Error(`PROPERTY_RUNS_SCALE must be a number >= 1, got ${JSON.stringify(text)}`);
  return Math.max(1, Math.round(base * scale));
}
