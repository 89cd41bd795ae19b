// The seed example, run from the root import: what the browser bundle holds.
import { run } from 'simloop';
import { main } from './seed.js';

run(main());
