// The phone: capture → review → send. Photos are compressed here (long edge ≤ 2560 px, JPEG), kept in memory and
// IndexedDB only until the server confirms them, then dropped. Nothing is written to the camera roll.
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

// ---- the camera's time, read before compression drops the EXIF ----
// DateTimeOriginal (0x9003) and OffsetTimeOriginal (0x9011) from a JPEG's EXIF; null when there are none. The server
// reads the same from the upload when it still carries them (a HEIC sent as it is), and prefers that.
async function cameraTime(file) {
  try {
    const view = new DataView(await file.slice(0, 262144).arrayBuffer());
    if (view.getUint16(0) !== 0xFFD8) return null;
    for (let at = 2; at + 10 <= view.byteLength;) {
      const marker = view.getUint16(at);
      if ((marker & 0xFF00) !== 0xFF00 || marker === 0xFFDA) return null;
      if (marker === 0xFFE1 && view.getUint32(at + 4) === 0x45786966) return exifTimes(view, at + 10);
      at += 2 + view.getUint16(at + 2);
    }
  } catch {
    // A file cut short or not a JPEG: no camera time, the upload time stands.
  }
  return null;
}

function exifTimes(view, tiff) {
  const little = view.getUint16(tiff) === 0x4949;
  const u16 = at => view.getUint16(at, little);
  const u32 = at => view.getUint32(at, little);
  const entry = (ifd, tag) => {
    for (let i = 0, n = u16(ifd); i < n; i++) if (u16(ifd + 2 + i * 12) === tag) return ifd + 2 + i * 12;
    return null;
  };
  const text = e => {
    if (e === null || u16(e + 2) !== 2) return null;
    const count = u32(e + 4);
    const start = count <= 4 ? e + 8 : tiff + u32(e + 8);
    let value = '';
    for (let i = 0; i < count && i < 32; i++) { const c = view.getUint8(start + i); if (c === 0) break; value += String.fromCharCode(c); }
    return value || null;
  };
  const pointer = entry(tiff + u32(tiff + 4), 0x8769);
  if (pointer === null) return null;
  const exif = tiff + u32(pointer + 8);
  const original = text(entry(exif, 0x9003));
  return original ? { cameraTime: original, cameraOffset: text(entry(exif, 0x9011)) } : null;
}

// ---- compression ----
async function compress(file) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    // A format this browser cannot decode (HEIC outside Safari): send it as it is; the server converts it.
    return { blob: file, type: file.type || (/\.hei[cf]$/i.test(file.name) ? 'image/heic' : 'application/octet-stream') };
  }
  const scale = Math.min(1, maxEdge / Math.max(bitmap.width, bitmap.height));
  const width = Math.round(bitmap.width * scale);
  const height = Math.round(bitmap.height * scale);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d').drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/jpeg', quality));
  return { blob, type: 'image/jpeg' };
}

async function add(files) {
  problem('');
  for (const file of files) {
    const started = performance.now();
    const taken = await cameraTime(file);
    const { blob, type } = await compress(file);
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
async function api(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'clinical-images' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const error = new Error(await problemText(response));
    error.status = response.status;
    throw error;
  }
  return response.json();
}

async function problemText(response) {
  try { return (await response.json()).detail || `refused (${response.status})`; } catch { return `refused (${response.status})`; }
}

function put(slot, blob, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(slot.method, slot.url);
    for (const [name, value] of Object.entries(slot.headers || {})) request.setRequestHeader(name, value);
    request.upload.onprogress = e => { if (e.lengthComputable) onProgress(e.loaded, e.total); };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) return resolve();
      const error = new Error(`the upload was refused (${request.status})`);
      error.status = request.status;
      reject(error);
    };
    request.onerror = () => reject(new Error('the connection dropped'));
    request.send(blob);
  });
}

const waitOnline = () => navigator.onLine ? Promise.resolve() : new Promise(resolve => addEventListener('online', resolve, { once: true }));
const pause = ms => new Promise(resolve => setTimeout(resolve, ms));
// 4xx answers (other than a slot that expired) will not change on a retry.
const retryable = error => !error.status || error.status >= 500 || error.status === 403 || error.status === 408 || error.status === 429;

async function send(shot, row, details) {
  for (let attempt = 0; ; attempt++) {
    try {
      await waitOnline();
      row.state('sending', 0);
      const slot = shot.slot && new Date(shot.slot.expiresAt) > new Date(Date.now() + 30000)
        ? shot.slot
        : (shot.slot = await api('/api/mobile/uploads', { contentType: shot.type, length: shot.blob.size, ...shot.taken }));
      await put(slot, shot.blob, (loaded, total) => row.state('sending', loaded / total));
      await api(`/api/mobile/images/${encodeURIComponent(slot.imageId)}/complete`, details);
      shot.state = 'sent';
      row.state('sent');
      await forget(shot);
      URL.revokeObjectURL(shot.url);
      shot.blob = null;
      return true;
    } catch (error) {
      if (error.status === 401) { row.state('failed', 0, error.message); throw error; }
      if (!retryable(error) || attempt >= retryDelays.length) { row.state('failed', 0, error.message); return false; }
      if (error.status === 403) shot.slot = null;
      row.state('retrying', 0, `${error.message} — trying again`);
      $('[data-text="offline"]').hidden = navigator.onLine;
      await pause(retryDelays[attempt]);
    }
  }
}

function progressRow(index, total, size) {
  const item = document.createElement('li');
  const label = document.createElement('span');
  const bar = document.createElement('progress');
  bar.max = 1;
  bar.value = 0;
  item.append(label, bar);
  $('[data-list="progress"]').append(item);
  return {
    state(state, fraction = 0, message = '') {
      item.dataset.state = state;
      bar.value = state === 'sent' ? 1 : fraction;
      const kb = Math.round(size / 1024);
      label.textContent = state === 'sent' ? `Photo ${index} of ${total}: sent`
        : state === 'failed' ? `Photo ${index} of ${total}: not sent — ${message}`
        : state === 'retrying' ? `Photo ${index} of ${total}: ${message}`
        : `Photo ${index} of ${total}: ${Math.round(fraction * kb)} of ${kb} KB`;
    },
  };
}

async function sendAll() {
  const details = {
    laterality: $('[data-field="laterality"]').value || null,
    bodySiteCode: $('[data-field="bodySiteCode"]').value || null,
  };
  const batch = shots.filter(s => s.state !== 'sent');
  $('[data-list="progress"]').replaceChildren();
  show('uploading');
  const rows = batch.map((shot, i) => progressRow(i + 1, batch.length, shot.blob.size));
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
