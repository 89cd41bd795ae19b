/**
 * `simloop/node`: the parts of simloop that need Node.js. Loading a program
 * or scenario from a file, spreading an exploration over worker threads, and
 * the `simloop` command itself. The root entry, `simloop`, uses no Node
 * built-in, so it also bundles for the browser.
 *
 * @example
 * import { exploreFile } from 'simloop/node';
 * const result = exploreFile('dist/examples/lost-update.js', { policy: 'pct', runs: 10_000, workers: 4 });
 *
 * @module simloop/node
 */
export { exploreFile, type FileExploreOptions } from './explore/workers/workers.js';
export { loadSubject, SubjectLoadError, type LoadedSubject } from './explore/workers/load-subject.js';
export { cli } from './cli.js';
export type { Command, CommandIo, OptionSpec } from './cli/command.js';
