// Camera and microphone: opening them with a fallback per device, saying in words why one is
// missing, and listing the devices for the chooser.

const KIND_NAME = { audio: 'microphone', video: 'camera' };

/**
 * Why a device could not be opened, for people. `kind` is 'audio' or 'video'. The error names
 * are those of getUserMedia (NotAllowedError, NotFoundError, …).
 */
export function mediaErrorText(kind, error) {
  const what = KIND_NAME[kind];
  switch (error?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return `Access to the ${what} was denied. Allow it in the browser's address bar and try again.`;
    case 'NotFoundError':
    case 'OverconstrainedError':
      return `No ${what} was found.`;
    case 'NotReadableError':
    case 'AbortError':
      return `The ${what} is in use by another program or could not be started.`;
    default:
      return `The ${what} could not be opened${error?.name ? ` (${error.name})` : ''}.`;
  }
}

function constraint(kind, deviceId) {
  if (kind === 'video') {
    const video = { width: { ideal: 640 }, height: { ideal: 480 } };
    if (deviceId) video.deviceId = { exact: deviceId };
    return video;
  }
  return deviceId ? { deviceId: { exact: deviceId } } : true;
}

/** Opens one device; throws the getUserMedia error. */
export async function openTrack(kind, deviceId) {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw Object.assign(new Error('This browser cannot use cameras or microphones here.'), { name: 'NotSupportedError' });
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ [kind]: constraint(kind, deviceId) });
    return stream.getTracks().find((t) => t.kind === kind);
  } catch (e) {
    // The chosen device is gone (unplugged since): any other one will do.
    if (deviceId && (e.name === 'OverconstrainedError' || e.name === 'NotFoundError')) return openTrack(kind, null);
    throw e;
  }
}

/**
 * Opens what the call wants (`kinds`: e.g. ['audio', 'video']). One request for all first (one
 * permission prompt); when that fails, each device alone, so a denied or missing camera still
 * leaves the microphone (and the other way round). Returns {tracks: {audio, video}, errors:
 * {audio, video}}: a kind has a track or an error, never both.
 */
export async function openLocalMedia(kinds, deviceIds = {}) {
  const tracks = {};
  const errors = {};
  if (kinds.length === 0) return { tracks, errors };
  try {
    if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error(), { name: 'NotSupportedError' });
    const request = {};
    for (const kind of kinds) request[kind] = constraint(kind, deviceIds[kind]);
    const stream = await navigator.mediaDevices.getUserMedia(request);
    for (const track of stream.getTracks()) tracks[track.kind] = track;
  } catch (e) {
    if (kinds.length === 1) {
      errors[kinds[0]] = e;
    } else {
      for (const kind of kinds) {
        try {
          tracks[kind] = await openTrack(kind, deviceIds[kind]);
        } catch (err) {
          errors[kind] = err;
        }
      }
    }
  }
  for (const kind of kinds) if (!tracks[kind] && !errors[kind]) errors[kind] = { name: 'NotFoundError' };
  return { tracks, errors };
}

/** Cameras and microphones ({deviceId, label}); labels are only known once access was given. */
export async function listDevices() {
  if (!navigator.mediaDevices?.enumerateDevices) return { cameras: [], microphones: [] };
  const devices = await navigator.mediaDevices.enumerateDevices();
  const pick = (kind, noun) => devices
    .filter((d) => d.kind === kind && d.deviceId)
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${noun} ${i + 1}` }));
  return { cameras: pick('videoinput', 'Camera'), microphones: pick('audioinput', 'Microphone') };
}
