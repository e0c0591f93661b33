// Zoom and pan for the large preview: a CSS transform on the picture, so the full-size image is decoded once.
import { nextScale } from '../../zoom-steps.js';

const views = new WeakMap();

export function open(dialog, stage, img, dotnet) {
  const view = { scale: 1, x: 0, y: 0, drag: null };
  views.set(dialog, view);
  const level = dialog.querySelector('[data-zoom-level]');
  const apply = () => {
    clampPan(view, stage, img);
    img.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`;
    stage.classList.toggle('zoomed', view.scale > 1);
    level.textContent = view.scale === 1 ? 'Fit' : `${Math.round(view.scale * 100)}%`;
  };
  const zoom = direction => {
    const next = nextScale(view.scale, direction);
    const ratio = next / view.scale;
    view.x *= ratio; view.y *= ratio; view.scale = next;
    if (next === 1) { view.x = 0; view.y = 0; }
    apply();
  };
  dialog.querySelectorAll('[data-zoom]').forEach(b => b.addEventListener('click', () => zoom(b.dataset.zoom)));
  stage.addEventListener('wheel', e => { e.preventDefault(); zoom(e.deltaY < 0 ? 'in' : 'out'); }, { passive: false });
  stage.addEventListener('pointerdown', e => {
    if (view.scale === 1) return;
    view.drag = { id: e.pointerId, x: e.clientX - view.x, y: e.clientY - view.y };
    stage.setPointerCapture(e.pointerId);
  });
  stage.addEventListener('pointermove', e => {
    if (view.drag?.id !== e.pointerId) return;
    view.x = e.clientX - view.drag.x; view.y = e.clientY - view.drag.y; apply();
  });
  stage.addEventListener('pointerup', () => { view.drag = null; });
  dialog.addEventListener('keydown', e => {
    if (e.target.closest('button, input, select')) return;
    const pan = { ArrowLeft: [60, 0], ArrowRight: [-60, 0], ArrowUp: [0, 60], ArrowDown: [0, -60] }[e.key];
    if (e.key === '+' || e.key === '=') zoom('in');
    else if (e.key === '-') zoom('out');
    else if (e.key === '0') zoom('fit');
    else if (pan && view.scale > 1) { view.x += pan[0]; view.y += pan[1]; apply(); }
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') dotnet.invokeMethodAsync('Navigate', e.key === 'ArrowLeft' ? -1 : 1);
    else return;
    e.preventDefault();
  });
  // Another photo (previous / next) starts at "fit".
  img.addEventListener('load', () => { view.scale = 1; view.x = 0; view.y = 0; apply(); });
  dialog.addEventListener('cancel', e => { e.preventDefault(); dotnet.invokeMethodAsync('Close'); });
  if (!dialog.open) dialog.showModal();
  stage.focus();
}

export function close(dialog) {
  views.delete(dialog);
  if (dialog.open) dialog.close();
}

function clampPan(view, stage, img) {
  const maxX = Math.max(0, (img.offsetWidth * view.scale - stage.clientWidth) / 2);
  const maxY = Math.max(0, (img.offsetHeight * view.scale - stage.clientHeight) / 2);
  view.x = Math.min(maxX, Math.max(-maxX, view.x));
  view.y = Math.min(maxY, Math.max(-maxY, view.y));
}
