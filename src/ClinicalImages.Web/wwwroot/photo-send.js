// What the GP's phone page and the patient's page share: the camera's time read before compression, compression
// (upright from the EXIF orientation, long edge capped, JPEG, which drops every other EXIF field), the JSON calls with
// the product's request header, the upload to a slot with progress, and which failures are worth another try.

// ---- the camera's time, read before compression drops the EXIF ----
// DateTimeOriginal (0x9003) and OffsetTimeOriginal (0x9011) from a JPEG's EXIF; null when there are none. The server
// reads the same from the upload when it still carries them (a HEIC sent as it is), and prefers that.
export async function cameraTime(file) {
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
export async function compress(file, maxEdge, quality) {
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

export async function api(url, body) {
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

export function put(slot, blob, onProgress) {
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

export const waitOnline = () => navigator.onLine ? Promise.resolve() : new Promise(resolve => addEventListener('online', resolve, { once: true }));
export const pause = ms => new Promise(resolve => setTimeout(resolve, ms));
// 4xx answers (other than a slot that expired) will not change on a retry.
export const retryable = error => !error.status || error.status >= 500 || error.status === 403 || error.status === 408 || error.status === 429;

/** One photo's line in the sending list: "Photo 2 of 3: 120 of 480 KB", then sent, retrying or not sent. */
export function progressRow(list, index, total, size) {
  const item = document.createElement('li');
  const label = document.createElement('span');
  const bar = document.createElement('progress');
  bar.max = 1;
  bar.value = 0;
  bar.setAttribute('aria-label', `Photo ${index} of ${total}`);
  item.append(label, bar);
  list.append(item);
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

/**
 * Sends one photo: an upload slot (kept while it has 30 s left) → PUT straight to storage → completion, trying again
 * with the page's waits on what a retry can mend (offline, 5xx, an expired upload address). A status in `fatal` ends
 * the whole batch (the link is no longer good); anything else the retries cannot mend leaves this photo not sent.
 */
export async function sendPhoto(shot, row, { uploads, complete, body, retryDelays, offlineHint, fatal = [401], onSent = async () => {} }) {
  for (let attempt = 0; ; attempt++) {
    try {
      await waitOnline();
      row.state('sending', 0);
      const slot = shot.slot && new Date(shot.slot.expiresAt) > new Date(Date.now() + 30000)
        ? shot.slot
        : (shot.slot = await api(uploads, { contentType: shot.type, length: shot.blob.size, ...shot.taken }));
      await put(slot, shot.blob, (loaded, total) => row.state('sending', loaded / total));
      await api(complete(slot.imageId), body);
      shot.state = 'sent';
      row.state('sent');
      await onSent(shot);
      URL.revokeObjectURL(shot.url);
      shot.blob = null;
      return true;
    } catch (error) {
      if (fatal.includes(error.status)) { row.state('failed', 0, error.message); throw error; }
      if (!retryable(error) || attempt >= retryDelays.length) { row.state('failed', 0, error.message); return false; }
      if (error.status === 403) shot.slot = null;
      row.state('retrying', 0, `${error.message} — trying again`);
      offlineHint.hidden = navigator.onLine;
      await pause(retryDelays[attempt]);
    }
  }
}
