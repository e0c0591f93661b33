// The desktop webcam. A shot becomes a JPEG file handed to the page's upload queue, the same path every source takes.
import { addFiles } from './Capture.razor.js';

const streams = new WeakMap();

export async function start(video, deviceId, dotnet) {
  stop(video);
  if (!navigator.mediaDevices?.getUserMedia) return { ok: false, reason: window.isSecureContext ? 'none' : 'insecure' };
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: deviceId ? { deviceId: { exact: deviceId } } : { width: { ideal: 1920 }, height: { ideal: 1080 } },
      audio: false,
    });
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
  const track = stream.getVideoTracks()[0];
  // A camera unplugged (or seized by another program) mid-preview ends its track.
  track.addEventListener('ended', () => { if (streams.get(video) === stream) dotnet.invokeMethodAsync('Lost'); });
  streams.set(video, stream);
  video.srcObject = stream;
  await video.play().catch(() => {});
  await ready(video);
  // Labels are only given once permission is granted, so list the cameras now.
  const devices = (await navigator.mediaDevices.enumerateDevices()).filter(d => d.kind === 'videoinput');
  const cameras = devices.map((d, i) => ({ id: d.deviceId, label: d.label || `Camera ${i + 1}` }));
  return { ok: true, cameras, active: track.getSettings().deviceId || cameras[0]?.id || null };
}

export function stop(video) {
  const stream = streams.get(video);
  if (!stream) return;
  streams.delete(video);
  stream.getTracks().forEach(t => t.stop());
  video.srcObject = null;
}

/** Takes the current frame at the camera's full resolution. */
export async function shoot(video) {
  if (!streams.has(video) || video.videoWidth === 0) return false;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d').drawImage(video, 0, 0);
  const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/jpeg', 0.92));
  if (!blob) return false;
  const stamp = new Date().toTimeString().slice(0, 8).replaceAll(':', '');
  addFiles([new File([blob], `Camera ${stamp}.jpg`, { type: 'image/jpeg' })], [], 'camera');
  video.closest('.camera')?.animate([{ opacity: 0.4 }, { opacity: 1 }], { duration: 180 });
  return true;
}

function ready(video) {
  return video.videoWidth > 0 ? Promise.resolve() : new Promise(resolve => video.addEventListener('loadedmetadata', resolve, { once: true }));
}

function reasonOf(error) {
  switch (error?.name) {
    case 'NotAllowedError': case 'SecurityError': return 'denied';
    case 'NotFoundError': case 'OverconstrainedError': return 'none';
    case 'NotReadableError': case 'AbortError': return 'busy';
    default: return 'other';
  }
}
