// The widget's photo sources — file picker, drag and drop onto the window, paste, and the camera panel (which hands
// its shots to addFiles) — and the one way they all take: upload slot → PUT straight to storage over plain HTTP →
// completion. Bytes never go over the Blazor circuit; only progress does, so the gallery can show it.
const extensionTypes = { heic: 'image/heic', heif: 'image/heif', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const previewable = new Set(['image/jpeg', 'image/png', 'image/webp']);
const parallelUploads = 3;
let state = null;

export function init(root, input, addButton, sessionId, dotnet) {
  const listeners = [];
  const on = (target, type, handler) => { target.addEventListener(type, handler); listeners.push(() => target.removeEventListener(type, handler)); };
  state = { root, input, sessionId, dotnet, listeners, queue: [], running: 0, inFlight: 0, counter: 0 };

  on(addButton, 'click', () => input.click());
  on(input, 'change', () => {
    const files = [...input.files];
    input.value = '';
    addFiles(files);
  });
  on(window, 'dragover', onDragOver);
  on(window, 'dragleave', e => { if (!e.relatedTarget) root.classList.remove('dragging'); });
  on(window, 'drop', onDrop);
  on(document, 'paste', onPaste);
  on(window, 'beforeunload', onBeforeUnload);
  // Tells people and tests that the sources are live (the module loads after the first render).
  input.dataset.ready = 'true';
}

export function dispose() {
  state?.listeners.forEach(off => off());
  state = null;
}

/**
 * Every source ends here: photos are queued up to the session's room; whatever is refused is said in one sentence.
 * `source` is 'camera' for the camera panel's shots and 'file' for the rest; the caption strip names it.
 */
export function addFiles(files, notes = [], source = 'file') {
  if (!state) return;
  const photos = files.filter(isPhoto);
  const others = files.filter(f => !isPhoto(f));
  const room = Math.max(0, Number(state.input.dataset.room || 0) - state.inFlight);
  const taken = photos.slice(0, room);
  const left = photos.length - taken.length;
  const messages = [...notes];
  if (others.length > 0) {
    messages.push(`${count(others.length, 'file')} not added: not a photo (${names(others)}). Photos are JPEG, PNG, HEIC or WebP.`);
  }
  if (left > 0) {
    const cap = state.input.dataset.cap;
    messages.push(`${count(left, 'photo')} not added: a session holds at most ${cap} photos. Save or remove some, then add the rest.`);
  }
  if (messages.length > 0) {
    const added = taken.length > 0 ? `Adding ${count(taken.length, 'photo')}. ` : 'Nothing was added. ';
    notify(added + messages.join(' '));
  } else if (taken.length > 0) {
    notify('');
  }
  if (taken.length > 0) enqueue(taken, source);
}

function onDragOver(e) {
  if (![...(e.dataTransfer?.types || [])].includes('Files')) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
  state.root.classList.add('dragging');
}

function onDrop(e) {
  if (!e.dataTransfer) return;
  e.preventDefault();
  state.root.classList.remove('dragging');
  const files = [];
  let folders = 0;
  for (const item of [...e.dataTransfer.items]) {
    if (item.kind !== 'file') continue;
    // A folder arrives as a file-shaped item; its entry says what it is (no entry for files a script put there).
    const entry = item.webkitGetAsEntry?.();
    if (entry?.isDirectory) { folders++; continue; }
    const file = item.getAsFile();
    if (file) files.push(file);
  }
  const notes = folders > 0 ? [`${count(folders, 'folder')} not added: open the folder and drop the photos themselves.`] : [];
  if (files.length === 0 && notes.length === 0) return;
  addFiles(files, notes);
}

function onPaste(e) {
  const files = [...(e.clipboardData?.files || [])];
  const editing = e.target instanceof Element && e.target.closest('input, textarea, select, [contenteditable]');
  if (files.length === 0) {
    // Text pasted into a field is the field's business; anywhere else the GP meant a picture.
    if (!editing) notify('The clipboard holds no picture. Copy a photo or screenshot, then paste again.');
    return;
  }
  e.preventDefault();
  const stamp = new Date().toTimeString().slice(0, 8).replaceAll(':', '');
  addFiles(files.map((f, i) => f.name && f.name !== 'image.png' ? f : new File([f], `Pasted ${stamp}${i ? '-' + i : ''}.${ext(f.type)}`, { type: f.type })));
}

function onBeforeUnload(e) {
  // A session that ended took its photos with it: nothing left to lose by closing.
  if (state.root.isConnected && Number(state.root.dataset.unfiled || 0) > 0) {
    e.preventDefault();
    e.returnValue = '';
  }
}

async function enqueue(files, source) {
  const items = files.map(file => ({
    source,
    key: `u${++state.counter}`,
    name: file.name || 'Photo',
    previewUrl: previewable.has(typeOf(file)) ? URL.createObjectURL(file) : null,
    file,
  }));
  state.inFlight += items.length;
  // Cards first, so progress always has a card to land on.
  await state.dotnet.invokeMethodAsync('UploadsQueued', items.map(({ key, name, previewUrl }) => ({ key, name, previewUrl })));
  state.queue.push(...items);
  pump();
}

function pump() {
  while (state && state.running < parallelUploads && state.queue.length > 0) {
    state.running++;
    const item = state.queue.shift();
    uploadOne(item).finally(() => {
      if (!state) return;
      state.running--;
      state.inFlight--;
      // The card shows the local preview until the server's thumbnail has replaced it.
      if (item.previewUrl) setTimeout(() => URL.revokeObjectURL(item.previewUrl), 30_000);
      pump();
    });
  }
}

async function uploadOne({ key, file, source }) {
  const { dotnet, sessionId } = state;
  let imageId = null;
  let last = -1;
  try {
    const slot = await api('POST', '/api/session/uploads', sessionId, { contentType: typeOf(file), length: file.size, source });
    imageId = slot.imageId;
    await dotnet.invokeMethodAsync('UploadSlotted', key, imageId);
    await put(slot, file, percent => {
      if (percent - last >= 5 || percent === 100) { last = percent; dotnet.invokeMethodAsync('UploadProgress', key, 'uploading', percent); }
    });
    await dotnet.invokeMethodAsync('UploadProgress', key, 'checking', 100);
    await api('POST', `/api/session/images/${encodeURIComponent(imageId)}/complete`, sessionId, {});
    await dotnet.invokeMethodAsync('UploadDone', key);
  } catch (error) {
    // Nothing half-done: a slot whose bytes never made it is given back, so it does not count against the session.
    if (imageId) api('DELETE', `/api/session/images/${encodeURIComponent(imageId)}`, sessionId).catch(() => {});
    await dotnet.invokeMethodAsync('UploadFailed', key, error.message).catch(() => {});
  }
}

export function isPhoto(file) {
  return Object.values(extensionTypes).includes(typeOf(file));
}

function typeOf(file) {
  if (file.type) return file.type.toLowerCase();
  const extension = (file.name.split('.').pop() || '').toLowerCase();
  return extensionTypes[extension] || 'application/octet-stream';
}

function ext(type) {
  return Object.entries(extensionTypes).find(([, t]) => t === type)?.[0] || 'png';
}

function notify(message) {
  state?.dotnet.invokeMethodAsync('Notice', message);
}

function count(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function names(files) {
  const shown = files.slice(0, 3).map(f => f.name || 'unnamed').join(', ');
  return files.length > 3 ? `${shown} and ${files.length - 3} more` : shown;
}

export async function api(method, url, sessionId, body) {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-Capture-Session': sessionId },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(await problemText(response));
  return response.status === 204 ? null : response.json();
}

export function put(slot, blob, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(slot.method, slot.url);
    for (const [name, value] of Object.entries(slot.headers || {})) request.setRequestHeader(name, value);
    request.upload.onprogress = e => { if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100)); };
    request.onload = () => request.status >= 200 && request.status < 300
      ? resolve()
      : reject(new Error(problemFromText(request.responseText) || `The upload was refused (${request.status}).`));
    request.onerror = () => reject(new Error('The connection dropped. Add the photo again.'));
    request.send(blob);
  });
}

async function problemText(response) {
  return problemFromText(await response.text()) || `Refused (${response.status}).`;
}

function problemFromText(text) {
  try { return JSON.parse(text).detail || null; } catch { return null; }
}
