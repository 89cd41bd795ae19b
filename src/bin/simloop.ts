#!/usr/bin/env node
import { cli } from '../cli.js';

process.exitCode = cli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
