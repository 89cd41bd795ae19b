import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    // The CPython reference (pyodide) takes a few seconds to load once per file.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
