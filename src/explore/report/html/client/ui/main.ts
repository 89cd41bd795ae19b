/**
 * The HTML timeline's script: reads the run from the page, builds its
 * timeline, fills in the rows and the key moments, draws the first frame at
 * once (before the page's load event, so a headless browser's DOM dump and
 * screenshot show it), and wires the controls. Bundled by `npm run
 * html-client` into ../client-script.ts.
 */
import type { TraceEvent } from '../../../trace.js';
import { App } from './app.js';
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
  const data = JSON.parse(byId('simloop-data').textContent ?? '') as PageData;
  const scene = createScene(data.events, data.failed, 'balanced');
  mountLabels(scene);
  const app = new App(scene);
  mountMoments(scene, (event) => app.jump(event));
  showDetails(scene, null, (event) => app.jump(event));
  mountTraceText(scene);
  attachInput(app);
  attachCopy();
  app.drawNow();
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
  root['firstPaintMs'] = performance.now().toFixed(1);
  root['rendered'] = 'yes';
}

try {
  start();
} catch (error) {
  document.documentElement.dataset['error'] = String(error);
  throw error;
}
