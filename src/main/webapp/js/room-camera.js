// The local camera (and microphone) while showing in a room: the preview, and the stream that
// room-media.js publishes (and publishes again when the user presses Retry after a failure).

export class LocalCamera {
  constructor(video) {
    this.video = video;
    this.stream = null;
  }

  get live() {
    return Boolean(this.stream?.getVideoTracks().some((t) => t.readyState === 'live'));
  }

  /** Starts the camera (and the microphone when there is one); throws a readable Error if not. */
  async start() {
    if (this.live) return this.stream;
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new Error('This browser cannot use a camera here (it needs HTTPS).');
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    } catch (e) {
      // No microphone (or only the microphone refused): a camera alone still shows.
      if (e.name !== 'NotFoundError' && e.name !== 'NotReadableError') throw readable(e);
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: true });
      } catch (e2) {
        throw readable(e2);
      }
    }
    this.stream = stream;
    this.video.srcObject = stream;
    this.video.play().catch(() => { /* autoplay of a muted preview is allowed; nothing to do */ });
    return stream;
  }

  stop() {
    for (const t of this.stream?.getTracks() || []) t.stop();
    this.stream = null;
    this.video.srcObject = null;
  }
}

function readable(e) {
  const text = {
    NotAllowedError: 'Camera access was denied. Allow the camera for this site in your browser to show yourself.',
    SecurityError: 'Camera access was denied. Allow the camera for this site in your browser to show yourself.',
    NotFoundError: 'No camera was found.',
    NotReadableError: 'The camera is in use by another program.',
    OverconstrainedError: 'The camera cannot be used with these settings.',
  }[e.name];
  return new Error(text || `The camera could not be started: ${e.message || e.name}`);
}
