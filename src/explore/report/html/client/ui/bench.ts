import type { App } from './app.js';

/** Frames timed per view, the median kept. */
const FRAMES = 15;

/**
 * What `npm run bench:html` measures when it opens a page at `#bench`: the
 * time of one frame once the page is warm, with the whole run in view and
 * zoomed in on its middle (`data-frame-fit-ms`, `data-frame-zoomed-ms`).
 */
export function benchFrames(app: App, root: DOMStringMap): void {
  root['frameFitMs'] = medianFrame(app).toFixed(2);
  const x = app.scene.x;
  const middle = Math.floor(app.scene.events.length / 2);
  app.view.show(x[middle] as number, (x[Math.min(middle + 200, app.scene.events.length)] as number) + 1, 1);
  root['frameZoomedMs'] = medianFrame(app).toFixed(2);
  app.view.fit();
  app.drawNow();
}

function medianFrame(app: App): number {
  const samples: number[] = [];
  for (let frame = 0; frame < FRAMES; frame++) {
    const began = performance.now();
    app.drawNow();
    samples.push(performance.now() - began);
  }
  return samples.sort((a, b) => a - b)[Math.floor(FRAMES / 2)] as number;
}
