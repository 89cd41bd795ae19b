import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_STATUSES } from '../../src/cli/help.js';

describe('the README', () => {
  it('keeps the one table of exit statuses that simloop --help prints', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const [status, meaning] of EXIT_STATUSES) expect(readme).toContain(`| ${status} | ${meaning} |`);
  });
});
