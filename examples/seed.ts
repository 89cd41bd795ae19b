// Runs the three seed examples, each as `asyncio.run(main())` would, printing their lines.
import { run } from '../src/index.js';
import { main as cancelAtNextYield } from './seed/1-cancel-at-next-yield.js';
import { main as cancelOnReturn } from './seed/2-cancel-on-return.js';
import { main as cancelCancelsChild } from './seed/3-cancel-cancels-awaited-child.js';

// Exactly the seed's lines, in order: nothing else is printed, so the output compares character for character.
for (const main of [cancelAtNextYield, cancelOnReturn, cancelCancelsChild]) run(main());
