import { cli } from '../../src/cli.js';

/** What one in-process run of the command line printed and returned. */
export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `simloop ...argv` in-process with `entry` (the source CLI by default, or a built one). */
export function simloop(argv: readonly string[], entry: typeof cli = cli): CliRun {
  let stdout = '';
  let stderr = '';
  const status = entry(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { status, stdout, stderr };
}
