// The patient's page: confirm the date of birth, then capture or choose up to N photos, an optional note, and send
// them with progress and retry. Photos are compressed here exactly as on the GP's phone page (shared module) and
// kept in memory only: nothing is written to this phone's storage.
import { api, cameraTime, compress, progressRow, sendPhoto } from '/photo-send.js';

const root = document.getElementById('phone');
const $ = selector => root.querySelector(selector);
const problem = text => { const p = $('[data-text="problem"]'); p.textContent = text || ''; p.hidden = !text; };
const show = name => {
  root.querySelectorAll('[data-screen]').forEach(s => { s.hidden = s.dataset.screen !== name; });
  root.dataset.screenShown = name;
};

if (root.dataset.verified !== 'true') {
  const field = name => $(`[data-field="${name}"]`).value.trim();
  $('[data-action="verify"]').addEventListener('click', async () => {
    problem('');
    const [day, month, year] = [field('day'), field('month'), field('year')];
    if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
      problem('Enter the date of birth as numbers: day, month and a four-digit year.');
      return;
    }
    try {
      await api('/api/patient/verify', { birthDate: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` });
      location.reload();
    } catch (error) {
      problem(error.message);
      if (error.status === 423 || error.status === 409 || error.status === 410) $('[data-action="verify"]').disabled = true;
    }
  });
  show('verify');
} else {
  const maxEdge = Number(root.dataset.maxEdge);
  const quality = Number(root.dataset.quality);
  const maxPhotos = Number(root.dataset.maxPhotos);
  const retryDelays = root.dataset.retryDelays.split(',').map(Number);
  const shots = [];
  let sentCount = 0;

  async function add(files) {
    problem('');
    const room = maxPhotos - sentCount - shots.length;
    if (files.length > room) problem(`Up to ${maxPhotos} photos can be sent; the first ${Math.max(room, 0)} were kept.`);
    for (const file of files.slice(0, Math.max(room, 0))) {
      const taken = await cameraTime(file);
      const { blob, type } = await compress(file, maxEdge, quality);
      shots.push({ id: crypto.randomUUID(), blob, type, taken, url: URL.createObjectURL(blob), state: 'waiting' });
    }
    renderShots();
    show(shots.length ? 'review' : 'tips');
  }

  function renderShots() {
    $('[data-list="shots"]').replaceChildren(...shots.map((shot, index) => {
      const item = document.createElement('li');
      const img = document.createElement('img');
      img.src = shot.url;
      img.alt = `Photo ${index + 1}`;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = '✕';
      remove.setAttribute('aria-label', `Remove photo ${index + 1}`);
      remove.addEventListener('click', () => {
        shots.splice(shots.indexOf(shot), 1);
        URL.revokeObjectURL(shot.url);
        renderShots();
        if (shots.length === 0) show('tips');
      });
      item.append(img, remove);
      return item;
    }));
    $('[data-action="upload"]').textContent = `Send ${shots.length} ${shots.length === 1 ? 'photo' : 'photos'}`;
  }

  const send = (shot, row, note) => sendPhoto(shot, row, {
    uploads: '/api/patient/uploads',
    complete: id => `/api/patient/images/${encodeURIComponent(id)}/complete`,
    body: { note },
    retryDelays,
    offlineHint: $('[data-text="offline"]'),
    fatal: [401, 409, 410, 423],
  });

  async function sendAll() {
    problem('');
    const note = $('[data-field="note"]').value.trim() || null;
    const batch = shots.filter(s => s.state !== 'sent');
    $('[data-list="progress"]').replaceChildren();
    show('uploading');
    const rows = batch.map((shot, i) => progressRow($('[data-list="progress"]'), i + 1, batch.length, shot.blob.size));
    let sent = 0;
    try {
      // One at a time: a patient's connection is often slow, and the progress then reads in order.
      for (let i = 0; i < batch.length; i++) if (await send(batch[i], rows[i], note)) sent++;
    } catch (error) {
      problem(error.message);
      return;
    }
    sentCount += sent;
    shots.splice(0, shots.length, ...shots.filter(s => s.state !== 'sent'));
    const failed = batch.length - sent;
    if (failed > 0) {
      problem(`${failed} ${failed === 1 ? 'photo was' : 'photos were'} not sent. Check the connection and press Send again.`);
      renderShots();
      show('review');
      return;
    }
    show('done');
  }

  for (const input of root.querySelectorAll('[data-input]')) {
    input.addEventListener('change', () => { const files = [...input.files]; input.value = ''; if (files.length) add(files); });
  }
  $('[data-action="upload"]').addEventListener('click', sendAll);
  show('tips');
}
root.dataset.ready = 'true';
