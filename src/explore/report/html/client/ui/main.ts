/**
 * The HTML timeline's script: reads the run from the page, builds its
 * timeline, fills in the rows and the key moments, draws the first frame at
 * once (before the page's load event, so a headless browser's DOM dump and
 * screenshot show it), and wires the controls. Bundled by `npm run
 * html-client` into ../client-script.ts.
 */
import type { TraceEvent } from '../../../trace.js';
import { App } from './app.js';
import { benchFrames } from './bench.js';
import { byId } from './dom.js';
import { attachCopy, attachInput } from './input.js';
import { mountLabels, mountMoments, mountTraceText, showDetails } from './panels.js';
import { createScene } from './scene.js';

/** What the page carries in its `simloop-data` script element. */
interface PageData {
  readonly events: readonly TraceEvent[];
  /** Whether the run failed: its end is then the failure point. */
  readonly failed: boolean;
}

function start(): void {
  const began = performance.now();
  const data = JSON.parse(byId('simloop-data').textContent ?? '') as PageData;
  const scene = createScene(data.events, data.failed, 'balanced');
  const built = performance.now();
  mountLabels(scene);
  const app = new App(scene);
  mountMoments(scene, (event) => app.jump(event));
  showDetails(scene, null, (event) => app.jump(event));
  mountTraceText(scene);
  attachInput(app);
  attachCopy();
  const drawing = performance.now();
  app.drawNow();
  const drawn = performance.now();
  const wanted = /^#event=(\d+)$/.exec(location.hash);
  if (wanted !== null) {
    app.jump(Number(wanted[1]));
    app.drawNow();
  }
  const root = document.documentElement.dataset;
  root['lanes'] = String(scene.timeline.lanes.length);
  root['events'] = String(scene.events.length);
  const box = byId('canvas').getBoundingClientRect();
  // Where the plot is in the window: what a screenshot test crops to.
  root['plotBox'] = [box.left, box.top, box.width, box.height].map(Math.round).join(',');
  // What bench/html.ts reads: reading the run and building its timeline, one frame of the whole run, and the page ready to paint.
  root['buildMs'] = (built - began).toFixed(1);
  root['drawMs'] = (drawn - drawing).toFixed(1);
  root['firstPaintMs'] = performance.now().toFixed(1);
  if (location.hash === '#bench') benchFrames(app, root);
  root['rendered'] = 'yes';
}

try {
  start();
} catch (error) {
  document.documentElement.dataset['error'] = String(error);
  throw error;
}
