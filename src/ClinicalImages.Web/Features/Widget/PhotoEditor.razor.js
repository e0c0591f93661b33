// The photo editor. An edit is a list of operations (rotate, crop, arrow, circle, freehand, text) replayed onto the
// photo, so undo and redo are list moves and nothing is lost until "Save edit" uploads the result as a new rendition
// through the edit flavour of the upload slot. Each drawing operation is in the pixel space of the picture as it
// stood when it was drawn, which replaying in order reproduces exactly.
import { api, put } from './Capture.razor.js';

// Big enough for any phone photo; bounds the canvas memory for a 48 MP original.
const maxEdge = 6000;
const editors = new WeakMap();

export async function open(dialog, options, dotnet) {
  const $ = selector => dialog.querySelector(selector);
  const ed = {
    dialog, dotnet, options, ops: [], redo: [], tool: 'arrow', colour: '#ffe600', source: null, composed: null,
    base: $('[data-base]'), overlay: $('[data-overlay]'), wrap: $('[data-canvas-wrap]'), status: $('[data-edit-status]'),
    text: $('[data-text]'), textField: $('[data-text-field]'), gesture: null, busy: false, leaving: false,
  };
  editors.set(dialog, ed);
  dialog.addEventListener('cancel', e => { e.preventDefault(); cancel(ed); });
  dialog.addEventListener('keydown', e => shortcuts(ed, e));
  dialog.querySelectorAll('[data-action]').forEach(b => b.addEventListener('click', () => act(ed, b.dataset.action)));
  dialog.querySelectorAll('[data-tool]').forEach(b => b.addEventListener('click', () => choose(ed, b.dataset.tool)));
  dialog.querySelectorAll('[data-colour]').forEach(b => b.addEventListener('click', () => colour(ed, b.dataset.colour)));
  wirePointer(ed);
  ed.resize = new ResizeObserver(() => placeOverlay(ed));
  ed.resize.observe(ed.wrap);
  if (!dialog.open) dialog.showModal();

  say(ed, 'Loading the photo…');
  try {
    ed.source = await load(options.src);
  } catch {
    say(ed, 'The photo could not be loaded. Close the editor and open it again.');
    return;
  }
  say(ed, '');
  render(ed);
  ed.base.dataset.ready = 'true';
}

export function close(dialog) {
  const ed = editors.get(dialog);
  ed?.resize.disconnect();
  editors.delete(dialog);
  if (dialog.open) dialog.close();
}

async function load(src) {
  const img = new Image();
  img.crossOrigin = 'anonymous';
  img.src = src;
  await img.decode();
  const scale = Math.min(1, maxEdge / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = sized(Math.round(img.naturalWidth * scale), Math.round(img.naturalHeight * scale));
  canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvas;
}

function act(ed, action) {
  if (ed.busy) return;
  switch (action) {
    case 'rotate-left': push(ed, { type: 'rotate', turn: -1 }); break;
    case 'rotate-right': push(ed, { type: 'rotate', turn: 1 }); break;
    case 'undo': if (ed.ops.length) { ed.redo.push(ed.ops.pop()); render(ed); } break;
    case 'redo': if (ed.redo.length) { ed.ops.push(ed.redo.pop()); render(ed); } break;
    // Start over keeps the undone steps on the redo stack, so it can itself be undone step by step.
    case 'reset': ed.redo.push(...ed.ops.reverse()); ed.ops = []; render(ed); break;
    case 'save': save(ed); break;
    case 'discard': discard(ed); break;
    case 'cancel': cancel(ed); break;
  }
}

function shortcuts(ed, e) {
  if (!(e.ctrlKey || e.metaKey) || e.target === ed.text) return;
  const key = e.key.toLowerCase();
  if (key === 'z' && !e.shiftKey) act(ed, 'undo');
  else if (key === 'y' || (key === 'z' && e.shiftKey)) act(ed, 'redo');
  else return;
  e.preventDefault();
}

function choose(ed, tool) {
  ed.tool = tool;
  ed.dialog.querySelectorAll('[data-tool]').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.tool === tool)));
  ed.textField.hidden = tool !== 'text';
  ed.overlay.dataset.tool = tool;
  if (tool === 'text') ed.text.focus();
}

function colour(ed, value) {
  ed.colour = value;
  ed.dialog.querySelectorAll('[data-colour]').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.colour === value)));
}

function push(ed, op) {
  ed.ops.push(op);
  ed.redo = [];
  ed.leaving = false;
  render(ed);
}

function render(ed) {
  if (!ed.source) return;
  ed.composed = compose(ed.source, ed.ops);
  const { base, composed } = ed;
  base.width = composed.width;
  base.height = composed.height;
  base.getContext('2d').drawImage(composed, 0, 0);
  base.dataset.ops = String(ed.ops.length);
  base.dataset.width = String(composed.width);
  base.dataset.height = String(composed.height);
  const has = name => ed.dialog.querySelector(`[data-action="${name}"]`);
  has('undo').disabled = ed.ops.length === 0;
  has('redo').disabled = ed.redo.length === 0;
  has('reset').disabled = ed.ops.length === 0;
  has('save').disabled = ed.ops.length === 0;
  placeOverlay(ed);
}

/** Replays the operations onto a copy of the photo; the loaded photo itself is never drawn on. */
export function compose(source, ops) {
  let canvas = source;
  for (const op of ops) {
    if (op.type === 'rotate') canvas = rotate(canvas, op.turn);
    else if (op.type === 'crop') canvas = crop(canvas, op.rect);
    else {
      if (canvas === source) canvas = crop(canvas, { x: 0, y: 0, w: source.width, h: source.height });
      draw(canvas.getContext('2d'), op);
    }
  }
  return canvas;
}

function rotate(canvas, turn) {
  const out = sized(canvas.height, canvas.width);
  const ctx = out.getContext('2d');
  ctx.translate(out.width / 2, out.height / 2);
  ctx.rotate((turn * Math.PI) / 2);
  ctx.drawImage(canvas, -canvas.width / 2, -canvas.height / 2);
  // Marks drawn later on this canvas are in its own (turned) pixel space, not through the turn.
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  return out;
}

function crop(canvas, rect) {
  const out = sized(Math.round(rect.w), Math.round(rect.h));
  out.getContext('2d').drawImage(canvas, rect.x, rect.y, rect.w, rect.h, 0, 0, rect.w, rect.h);
  return out;
}

/** One mark, with a dark halo under the colour so it reads on pale skin and dark wounds alike. */
function draw(ctx, op) {
  const w = op.width;
  ctx.save();
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const stroke = path => {
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.55)';
    ctx.lineWidth = w * 1.7;
    path(); ctx.stroke();
    ctx.strokeStyle = op.colour;
    ctx.lineWidth = w;
    path(); ctx.stroke();
  };
  if (op.type === 'arrow') {
    const [a, b] = op.points;
    const angle = Math.atan2(b.y - a.y, b.x - a.x);
    const head = w * 4;
    stroke(() => {
      ctx.beginPath();
      ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y);
      for (const side of [-1, 1]) {
        ctx.moveTo(b.x, b.y);
        ctx.lineTo(b.x - head * Math.cos(angle + side * 0.5), b.y - head * Math.sin(angle + side * 0.5));
      }
    });
  } else if (op.type === 'circle') {
    const [a, b] = op.points;
    stroke(() => {
      ctx.beginPath();
      ctx.ellipse((a.x + b.x) / 2, (a.y + b.y) / 2, Math.abs(b.x - a.x) / 2, Math.abs(b.y - a.y) / 2, 0, 0, Math.PI * 2);
    });
  } else if (op.type === 'pen') {
    stroke(() => {
      ctx.beginPath();
      op.points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
    });
  } else if (op.type === 'text') {
    const [p] = op.points;
    ctx.font = `bold ${Math.round(w * 4)}px "DejaVu Sans", "Segoe UI", sans-serif`;
    ctx.textBaseline = 'middle';
    ctx.lineWidth = w;
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.7)';
    ctx.strokeText(op.text, p.x, p.y);
    ctx.fillStyle = op.colour;
    ctx.fillText(op.text, p.x, p.y);
  }
  ctx.restore();
}

function wirePointer(ed) {
  const { overlay } = ed;
  overlay.addEventListener('pointerdown', e => {
    if (!ed.composed || ed.busy) return;
    e.preventDefault();
    const point = toImage(ed, e);
    if (ed.tool === 'text') { placeText(ed, point); return; }
    overlay.setPointerCapture(e.pointerId);
    ed.gesture = { id: e.pointerId, points: [point] };
  });
  overlay.addEventListener('pointermove', e => {
    const g = ed.gesture;
    if (g?.id !== e.pointerId) return;
    const point = toImage(ed, e);
    if (ed.tool === 'pen') g.points.push(point); else g.points[1] = point;
    preview(ed);
  });
  const finish = e => {
    const g = ed.gesture;
    if (g?.id !== e.pointerId) return;
    ed.gesture = null;
    clearOverlay(ed);
    const op = toOp(ed, g.points);
    if (op) push(ed, op);
  };
  overlay.addEventListener('pointerup', finish);
  overlay.addEventListener('pointercancel', () => { ed.gesture = null; clearOverlay(ed); });
}

function toOp(ed, points) {
  const width = strokeWidth(ed.composed);
  const [a, b = a] = points;
  const size = Math.hypot(b.x - a.x, b.y - a.y);
  if (ed.tool === 'pen') return points.length > 1 ? { type: 'pen', points, colour: ed.colour, width } : null;
  if (size < width) return null;
  if (ed.tool === 'crop') {
    const rect = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(b.x - a.x), h: Math.abs(b.y - a.y) };
    return rect.w >= 16 && rect.h >= 16 ? { type: 'crop', rect } : null;
  }
  return { type: ed.tool, points: [a, b], colour: ed.colour, width };
}

function placeText(ed, point) {
  const text = ed.text.value.trim();
  if (!text) { say(ed, 'Type the text first, then click where it goes.'); ed.text.focus(); return; }
  push(ed, { type: 'text', text, points: [point], colour: ed.colour, width: strokeWidth(ed.composed) });
  say(ed, '');
}

function strokeWidth(canvas) {
  return Math.max(4, Math.round(Math.max(canvas.width, canvas.height) / 180));
}

/** The gesture so far, drawn at screen resolution over the picture. */
function preview(ed) {
  const g = ed.gesture;
  const ctx = clearOverlay(ed);
  const scale = ed.overlay.width / ed.composed.width;
  ctx.save();
  ctx.scale(scale, scale);
  if (ed.tool === 'crop' && g.points[1]) {
    const [a, b] = g.points;
    ctx.fillStyle = 'rgba(0, 0, 0, 0.45)';
    ctx.fillRect(0, 0, ed.composed.width, ed.composed.height);
    ctx.clearRect(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(b.x - a.x), Math.abs(b.y - a.y));
  } else if (g.points.length > 1) {
    draw(ctx, { type: ed.tool, points: g.points, colour: ed.colour, width: strokeWidth(ed.composed) });
  }
  ctx.restore();
}

function clearOverlay(ed) {
  const ctx = ed.overlay.getContext('2d');
  ctx.clearRect(0, 0, ed.overlay.width, ed.overlay.height);
  return ctx;
}

function placeOverlay(ed) {
  const { base, overlay } = ed;
  overlay.style.left = `${base.offsetLeft}px`;
  overlay.style.top = `${base.offsetTop}px`;
  overlay.style.width = `${base.clientWidth}px`;
  overlay.style.height = `${base.clientHeight}px`;
  overlay.width = Math.max(1, Math.round(base.clientWidth * devicePixelRatio));
  overlay.height = Math.max(1, Math.round(base.clientHeight * devicePixelRatio));
}

function toImage(ed, e) {
  const r = ed.overlay.getBoundingClientRect();
  const x = ((e.clientX - r.left) / r.width) * ed.composed.width;
  const y = ((e.clientY - r.top) / r.height) * ed.composed.height;
  return { x: Math.max(0, Math.min(ed.composed.width, x)), y: Math.max(0, Math.min(ed.composed.height, y)) };
}

async function save(ed) {
  if (ed.ops.length === 0 || ed.busy) return;
  busy(ed, true, 'Saving the edit…');
  try {
    const blob = await new Promise(resolve => ed.composed.toBlob(resolve, 'image/jpeg', 0.92));
    const base = `/api/session/images/${encodeURIComponent(ed.options.imageId)}/edits`;
    const slot = await api('POST', base, ed.options.sessionId, { contentType: 'image/jpeg', length: blob.size });
    await put(slot, blob, percent => say(ed, `Saving the edit… ${percent}%`));
    await api('POST', `${base}/complete`, ed.options.sessionId, {});
    ed.ops = [];
    finish(ed);
  } catch (error) {
    busy(ed, false, `Not saved: ${error.message}`);
  }
}

async function discard(ed) {
  busy(ed, true, 'Going back to the original…');
  try {
    await api('DELETE', `/api/session/images/${encodeURIComponent(ed.options.imageId)}/edits`, ed.options.sessionId);
    finish(ed);
  } catch (error) {
    busy(ed, false, error.message);
  }
}

function cancel(ed) {
  if (ed.busy) return;
  // Unsaved marks are work: a second Escape or Cancel confirms they go.
  if (ed.ops.length > 0 && !ed.leaving) {
    ed.leaving = true;
    say(ed, 'Your changes are not saved. Press Cancel (or Escape) again to leave without them, or Save edit.');
    return;
  }
  finish(ed);
}

function finish(ed) {
  ed.dotnet.invokeMethodAsync('Finished');
}

function busy(ed, on, message) {
  ed.busy = on;
  ed.dialog.querySelectorAll('button').forEach(b => { if (on) b.dataset.wasDisabled = String(b.disabled); b.disabled = on || b.dataset.wasDisabled === 'true'; });
  if (!on) render(ed);
  say(ed, message);
}

function say(ed, message) {
  ed.status.textContent = message;
}

function sized(width, height) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}
