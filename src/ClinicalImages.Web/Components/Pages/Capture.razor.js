// Desktop uploads: bytes go straight to the upload slot over plain HTTP (never over the Blazor circuit);
// the server announces each finished photo to the widget through the circuit.
const extensionTypes = { heic: 'image/heic', heif: 'image/heif', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const parallelUploads = 3;

export function init(input, addButton, progressList, sessionId) {
  addButton.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const files = [...input.files];
    input.value = '';
    uploadAll(files, progressList, sessionId);
  });
  // Tells people and tests that the sources are live (the module loads after the first render).
  input.dataset.ready = 'true';
}

export async function uploadAll(files, progressList, sessionId) {
  const queue = [...files];
  const workers = Array.from({ length: Math.min(parallelUploads, queue.length) }, async () => {
    while (queue.length > 0) {
      await uploadOne(queue.shift(), progressList, sessionId);
    }
  });
  await Promise.all(workers);
}

async function uploadOne(file, progressList, sessionId) {
  const row = document.createElement('li');
  const label = file.name || 'Photo';
  row.textContent = `${label}: starting…`;
  progressList.append(row);
  try {
    const slot = await api('/api/session/uploads', sessionId, { contentType: typeOf(file), length: file.size });
    await put(slot, file, percent => { row.textContent = `${label}: ${percent}%`; });
    row.textContent = `${label}: checking…`;
    await api(`/api/session/images/${encodeURIComponent(slot.imageId)}/complete`, sessionId, {});
    row.remove();
  } catch (error) {
    row.textContent = `${label}: ${error.message}`;
    row.className = 'problem';
    row.setAttribute('role', 'alert');
  }
}

function typeOf(file) {
  if (file.type) return file.type;
  const extension = (file.name.split('.').pop() || '').toLowerCase();
  return extensionTypes[extension] || 'application/octet-stream';
}

async function api(url, sessionId, body) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-Capture-Session': sessionId },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(await problemText(response));
  return response.json();
}

function put(slot, file, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(slot.method, slot.url);
    for (const [name, value] of Object.entries(slot.headers || {})) request.setRequestHeader(name, value);
    request.upload.onprogress = e => { if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100)); };
    request.onload = () => request.status >= 200 && request.status < 300
      ? resolve()
      : reject(new Error(problemFromText(request.responseText) || `upload refused (${request.status})`));
    request.onerror = () => reject(new Error('the connection dropped; add the photo again'));
    request.send(file);
  });
}

async function problemText(response) {
  return problemFromText(await response.text()) || `refused (${response.status})`;
}

function problemFromText(text) {
  try { return JSON.parse(text).detail || null; } catch { return null; }
}
