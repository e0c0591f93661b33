// The phone: capture → review → send. Photos are compressed here (long edge ≤ 2560 px, JPEG), kept in memory and
// IndexedDB only until the server confirms them, then dropped. Nothing is written to the camera roll.
import { cameraTime, compress, progressRow, sendPhoto } from '/photo-send.js';

const root = document.getElementById('phone');
const maxEdge = Number(root.dataset.maxEdge);
const quality = Number(root.dataset.quality);
const retryDelays = root.dataset.retryDelays.split(',').map(Number);
const parallel = 2;
const shots = [];

const $ = selector => root.querySelector(selector);
const show = name => {
  root.querySelectorAll('[data-screen]').forEach(s => { s.hidden = s.dataset.screen !== name; });
  root.dataset.screenShown = name;
};
const problem = text => { const p = $('[data-text="problem"]'); p.textContent = text || ''; p.hidden = !text; };

// ---- IndexedDB: photos waiting to be sent survive a reload or a lost connection ----
const db = new Promise((resolve, reject) => {
  const open = indexedDB.open('clinical-images', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('pending', { keyPath: 'id' });
  open.onsuccess = () => resolve(open.result);
  open.onerror = () => reject(open.error);
});
async function store(mode, action) {
  const handle = await db;
  return new Promise((resolve, reject) => {
    const tx = handle.transaction('pending', mode);
    const request = action(tx.objectStore('pending'));
    tx.oncomplete = () => resolve(request?.result);
    tx.onerror = () => reject(tx.error);
  });
}
const remember = shot => store('readwrite', s => s.put({ id: shot.id, blob: shot.blob, type: shot.type, taken: shot.taken })).catch(() => {});
const forget = shot => store('readwrite', s => s.delete(shot.id)).catch(() => {});
const pending = () => store('readonly', s => s.getAll()).catch(() => []);

async function add(files) {
  problem('');
  for (const file of files) {
    const started = performance.now();
    const taken = await cameraTime(file);
    const { blob, type } = await compress(file, maxEdge, quality);
    const shot = { id: crypto.randomUUID(), blob, type, taken, url: URL.createObjectURL(blob), state: 'waiting' };
    shots.push(shot);
    await remember(shot);
    // What the phone spends on a photo before it can be sent (read, compress, keep); the benchmark reads it.
    performance.measure('photo-prepared', { start: started });
  }
  renderShots();
  show('review');
}

function renderShots() {
  const list = $('[data-list="shots"]');
  list.replaceChildren(...shots.map((shot, index) => {
    const item = document.createElement('li');
    const img = document.createElement('img');
    img.src = shot.url;
    img.alt = `Photo ${index + 1}`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '✕';
    remove.setAttribute('aria-label', `Remove photo ${index + 1}`);
    remove.addEventListener('click', async () => {
      shots.splice(shots.indexOf(shot), 1);
      URL.revokeObjectURL(shot.url);
      await forget(shot);
      renderShots();
      if (shots.length === 0) show('capture');
    });
    item.append(img, remove);
    return item;
  }));
  $('[data-action="upload"]').textContent = `Send ${shots.length} ${shots.length === 1 ? 'photo' : 'photos'}`;
}

// ---- sending ----
const send = (shot, row, details) => sendPhoto(shot, row, {
  uploads: '/api/mobile/uploads',
  complete: id => `/api/mobile/images/${encodeURIComponent(id)}/complete`,
  body: details,
  retryDelays,
  offlineHint: $('[data-text="offline"]'),
  onSent: forget,
});

async function sendAll() {
  const details = {
    laterality: $('[data-field="laterality"]').value || null,
    bodySiteCode: $('[data-field="bodySiteCode"]').value || null,
  };
  const batch = shots.filter(s => s.state !== 'sent');
  $('[data-list="progress"]').replaceChildren();
  show('uploading');
  const rows = batch.map((shot, i) => progressRow($('[data-list="progress"]'), i + 1, batch.length, shot.blob.size));
  let next = 0;
  let sent = 0;
  try {
    await Promise.all(Array.from({ length: Math.min(parallel, batch.length) }, async () => {
      while (next < batch.length) {
        const i = next++;
        if (await send(batch[i], rows[i], details)) sent++;
      }
    }));
  } catch (error) {
    problem(error.message);
    return;
  }
  const failed = batch.length - sent;
  shots.splice(0, shots.length, ...shots.filter(s => s.state !== 'sent'));
  if (failed > 0) {
    problem(`${failed} ${failed === 1 ? 'photo was' : 'photos were'} not sent. Check the connection and try again.`);
    renderShots();
    show('review');
    return;
  }
  $('[data-text="summary"]').textContent = `${sent} ${sent === 1 ? 'photo is' : 'photos are'} on the desktop now.`;
  show('done');
}

// ---- wiring ----
$('[data-action="confirm"]').addEventListener('click', async () => {
  const waiting = await pending();
  for (const saved of waiting) {
    shots.push({ id: saved.id, blob: saved.blob, type: saved.type, taken: saved.taken, url: URL.createObjectURL(saved.blob), state: 'waiting' });
  }
  if (shots.length > 0) { renderShots(); show('review'); } else { show('capture'); }
});
for (const input of root.querySelectorAll('[data-input]')) {
  input.addEventListener('change', () => { const files = [...input.files]; input.value = ''; if (files.length) add(files); });
}
$('[data-action="upload"]').addEventListener('click', sendAll);
$('[data-action="more"]').addEventListener('click', () => show('capture'));
$('[data-action="finish"]').addEventListener('click', () => show('finished'));
root.dataset.ready = 'true';
