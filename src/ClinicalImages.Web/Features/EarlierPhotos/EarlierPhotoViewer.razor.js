// One view for every picture in the dialog: a scale, and a shift in per cent of each picture's own box, so the earlier
// photo and today's show the same part of themselves whatever their pixel sizes. Wheel, + and −, the zoom buttons,
// drag and the arrow keys all change that one view. The earlier picture is fetched here (it comes with its page count)
// and shown from memory; nothing of it is kept after the dialog closes.
import { nextScale } from '../../zoom-steps.js';

const views = new WeakMap();
const nudge = 8;

export function open(dialog, dotnet) {
  const view = { scale: 1, x: 0, y: 0, drag: null, address: null };
  views.set(dialog, view);
  dialog.addEventListener('click', e => {
    const button = e.target.closest('[data-zoom]');
    if (button) zoom(dialog, button.dataset.zoom);
  });
  dialog.addEventListener('wheel', e => {
    if (!e.target.closest('.pane-stage')) return;
    e.preventDefault();
    zoom(dialog, e.deltaY < 0 ? 'in' : 'out');
  }, { passive: false });
  dialog.addEventListener('pointerdown', e => {
    const stage = e.target.closest('.pane-stage');
    const img = stage?.querySelector('img');
    if (!img || view.scale === 1) return;
    view.drag = { id: e.pointerId, clientX: e.clientX, clientY: e.clientY, x: view.x, y: view.y, width: img.offsetWidth, height: img.offsetHeight };
    stage.setPointerCapture(e.pointerId);
  });
  dialog.addEventListener('pointermove', e => {
    const drag = view.drag;
    if (drag?.id !== e.pointerId || !drag.width || !drag.height) return;
    view.x = drag.x + ((e.clientX - drag.clientX) / drag.width) * 100;
    view.y = drag.y + ((e.clientY - drag.clientY) / drag.height) * 100;
    apply(dialog);
  });
  const stop = () => { view.drag = null; };
  dialog.addEventListener('pointerup', stop);
  dialog.addEventListener('pointercancel', stop);
  dialog.addEventListener('keydown', e => {
    if (e.target.closest('button, select, input')) return;
    const pan = { ArrowLeft: [nudge, 0], ArrowRight: [-nudge, 0], ArrowUp: [0, nudge], ArrowDown: [0, -nudge] }[e.key];
    if (e.key === '+' || e.key === '=') zoom(dialog, 'in');
    else if (e.key === '-' || e.key === '−') zoom(dialog, 'out');
    else if (e.key === '0') zoom(dialog, 'fit');
    else if (pan && view.scale > 1) { view.x += pan[0]; view.y += pan[1]; apply(dialog); }
    else return;
    e.preventDefault();
  });
  dialog.addEventListener('cancel', e => { e.preventDefault(); dotnet.invokeMethodAsync('Close'); });
  if (!dialog.open) dialog.showModal();
  dialog.querySelector('.pane-stage')?.focus();
}

/** Fetches one page of the earlier photo and shows it; answers the photo's page count, or the sentence it was refused with. */
export async function showEarlier(dialog, img, url, sessionId, page) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { 'X-Capture-Session': sessionId } });
  } catch {
    return { pages: 0, problem: 'The connection dropped while reading this photo from Medtech. Close it and open it again.' };
  }
  const pages = Number(response.headers.get('X-Page-Count') || 0);
  if (!response.ok) return { pages, problem: await refusal(response) };
  const blob = await response.blob();
  const view = views.get(dialog);
  if (!view) return { pages, problem: null };
  const address = URL.createObjectURL(blob);
  if (view.address) URL.revokeObjectURL(view.address);
  view.address = address;
  await new Promise(resolve => {
    img.addEventListener('load', resolve, { once: true });
    img.addEventListener('error', resolve, { once: true });
    img.src = address;
  });
  img.dataset.page = String(page);
  // Another page starts at "fit", as another photo does in the gallery's viewer.
  view.scale = 1; view.x = 0; view.y = 0;
  apply(dialog);
  return { pages: Math.max(pages, 1), problem: null };
}

/** A picture came or went beside the earlier one: it takes on the view as it is now. */
export function relink(dialog) {
  const view = views.get(dialog);
  const earlier = dialog.querySelector('img[data-earlier]');
  if (view?.address && earlier && !earlier.getAttribute('src')) earlier.src = view.address;
  apply(dialog);
}

export function close(dialog) {
  const view = views.get(dialog);
  if (view?.address) URL.revokeObjectURL(view.address);
  views.delete(dialog);
  if (dialog.open) dialog.close();
}

function zoom(dialog, direction) {
  const view = views.get(dialog);
  if (!view) return;
  const next = nextScale(view.scale, direction);
  view.x *= next / view.scale; view.y *= next / view.scale; view.scale = next;
  apply(dialog);
}

function apply(dialog) {
  const view = views.get(dialog);
  if (!view) return;
  // Shifted no further than the enlarged picture's edge: a zoomed view never slides off into empty space.
  const reach = (view.scale - 1) * 50;
  view.x = Math.min(reach, Math.max(-reach, view.x));
  view.y = Math.min(reach, Math.max(-reach, view.y));
  const transform = `translate(${round(view.x)}%, ${round(view.y)}%) scale(${view.scale})`;
  dialog.querySelectorAll('img[data-linked]').forEach(img => { img.style.transform = transform; });
  dialog.querySelectorAll('.pane-stage').forEach(stage => stage.classList.toggle('zoomed', view.scale > 1));
  const level = dialog.querySelector('[data-zoom-level]');
  if (level) level.textContent = view.scale === 1 ? 'Fit' : `${Math.round(view.scale * 100)}%`;
}

function round(n) {
  return Math.round(n * 100) / 100;
}

async function refusal(response) {
  try {
    return (await response.json()).detail || `Medtech did not give us this photo (${response.status}).`;
  } catch {
    return `Medtech did not give us this photo (${response.status}).`;
  }
}
