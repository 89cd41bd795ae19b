import { defineConfig } from 'vitest/config';

/**
 * The tests that judge the kernel under mutation testing (`npm run
 * mutation`, see stryker.config.json and docs/mutation.md): the kernel, sync,
 * combinator, misuse and corpus tests and the kernel's ordering properties,
 * without the CPython reference (pyodide takes seconds to load in every
 * test file; the simloop side of those tests still runs).
 */
export default defineConfig({
  test: {
    include: [
      'test/kernel/**/*.test.ts',
      'test/sync/**/*.test.ts',
      'test/combinators/**/*.test.ts',
      'test/misuse/**/*.test.ts',
      'test/scenarios.test.ts',
      'properties/ordering.test.ts',
    ],
    env: { SIMLOOP_REFERENCE: 'off' },
    // Stryker switches mutants at run time, so modules need not load afresh for
    // each test file: loading them once per worker is most of the speed-up.
    isolate: false,
    testTimeout: 60_000,
  },
});
