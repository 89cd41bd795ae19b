import { SPACINGS, type Spacing } from '../model/positions.js';
import type { App } from './app.js';
import { describeItem } from './describe-item.js';
import { byId } from './dom.js';
import { hitTest } from './hit.js';
import { showTooltip } from './panels.js';

/** A press that moves less than this is a click, not a drag, in pixels. */
const CLICK_SLOP_PX = 4;
const ZOOM_STEP = 1.25;

/**
 * The reader's controls: ctrl/⌘ + wheel or W/S zoom at the pointer, drag,
 * shift + wheel or A/D pan, the wheel alone scrolls the rows; hover shows a
 * tooltip, a click the details; the toolbar zooms, fits and changes the spacing.
 */
export function attachInput(app: App): void {
  const canvas = byId<HTMLCanvasElement>('canvas');
  const scroller = byId('scroller');
  canvas.addEventListener('wheel', (event) => onWheel(app, canvas, event), { passive: false });
  attachDrag(app, canvas);
  canvas.addEventListener('mouseleave', () => showTooltip(null, 0, 0));
  scroller.addEventListener('scroll', () => {
    app.view.top = scroller.scrollTop;
    app.draw();
  });
  window.addEventListener('resize', () => {
    app.resize();
    app.draw();
  });
  window.addEventListener('keydown', (event) => onKey(app, event));
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-zoom]')) button.addEventListener('click', () => zoomButton(app, button.dataset['zoom'] ?? ''));
  for (const input of document.querySelectorAll<HTMLInputElement>('input[name="spacing"]')) {
    input.addEventListener('change', () => {
      if (input.checked && (SPACINGS as readonly string[]).includes(input.value)) app.respace(input.value as Spacing);
    });
  }
}

function onWheel(app: App, canvas: HTMLCanvasElement, event: WheelEvent): void {
  const px = event.clientX - canvas.getBoundingClientRect().left;
  if (event.ctrlKey || event.metaKey) app.view.zoomAt(px, Math.exp(-event.deltaY * 0.002));
  else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) app.view.pan(-(event.shiftKey ? event.deltaY : event.deltaX));
  else return; // the rows scroll
  event.preventDefault();
  app.draw();
}

function attachDrag(app: App, canvas: HTMLCanvasElement): void {
  let press: { x: number; y: number; lastX: number; moved: boolean } | null = null;
  canvas.addEventListener('pointerdown', (event) => {
    press = { x: event.clientX, y: event.clientY, lastX: event.clientX, moved: false };
    canvas.setPointerCapture(event.pointerId);
  });
  canvas.addEventListener('pointermove', (event) => {
    const box = canvas.getBoundingClientRect();
    if (press === null) {
      const item = hitTest(app.frame(), event.clientX - box.left, event.clientY - box.top);
      canvas.style.cursor = item === null ? 'grab' : 'pointer';
      showTooltip(item === null ? null : describeItem(app.scene, item), event.clientX, event.clientY);
      return;
    }
    if (Math.abs(event.clientX - press.x) + Math.abs(event.clientY - press.y) > CLICK_SLOP_PX) press.moved = true;
    if (press.moved) {
      app.view.pan(event.clientX - press.lastX);
      press.lastX = event.clientX;
      showTooltip(null, 0, 0);
      app.draw();
    }
  });
  canvas.addEventListener('pointerup', (event) => {
    const box = canvas.getBoundingClientRect();
    if (press !== null && !press.moved) app.select(hitTest(app.frame(), event.clientX - box.left, event.clientY - box.top));
    press = null;
  });
}

function onKey(app: App, event: KeyboardEvent): void {
  if (event.target instanceof HTMLInputElement || event.ctrlKey || event.metaKey || event.altKey) return;
  const middle = app.view.width / 2;
  const actions: Readonly<Record<string, () => void>> = {
    w: () => app.view.zoomAt(middle, ZOOM_STEP),
    s: () => app.view.zoomAt(middle, 1 / ZOOM_STEP),
    a: () => app.view.pan(app.view.width / 5),
    d: () => app.view.pan(-app.view.width / 5),
    '+': () => app.view.zoomAt(middle, ZOOM_STEP),
    '-': () => app.view.zoomAt(middle, 1 / ZOOM_STEP),
    '0': () => app.view.fit(),
    Escape: () => app.select(null),
  };
  const action = actions[event.key];
  if (action === undefined) return;
  action();
  app.draw();
}

function zoomButton(app: App, what: string): void {
  const middle = app.view.width / 2;
  if (what === 'in') app.view.zoomAt(middle, ZOOM_STEP * ZOOM_STEP);
  else if (what === 'out') app.view.zoomAt(middle, 1 / (ZOOM_STEP * ZOOM_STEP));
  else app.view.fit();
  app.draw();
}

/** The copy buttons of the header: the replay line and the shell command to the clipboard, or selected when the browser refuses. */
export function attachCopy(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-copy]')) {
    button.addEventListener('click', () => {
      const code = byId(button.dataset['copy'] ?? '');
      const select = () => window.getSelection()?.selectAllChildren(code);
      navigator.clipboard?.writeText(code.textContent ?? '').then(() => (button.textContent = 'copied'), select) ?? select();
    });
  }
}
