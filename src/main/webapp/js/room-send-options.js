// How the camera goes up: its simulcast layers and, on request, its codec. The defaults suit the
// server's layer switching (docs/media.md); localStorage lets a user or a test choose otherwise.

// Two simulcast layers, lowest first (the server's order): subscribers get the one their
// bandwidth and tile size allow. A camera below 320×240 sends one layer.
export const SIMULCAST = [
  { rid: 'l', scaleResolutionDownBy: 2, maxBitrate: 250_000 },
  { rid: 'h', maxBitrate: 1_200_000 },
];

// localStorage 'chorus.videoCodec' = 'h264' publishes the camera in H.264 (Constrained Baseline,
// packetization-mode 1) when the browser can; otherwise the browser's own order (VP8 first).
export function preferCodec(transceiver) {
  if (localStorage.getItem('chorus.videoCodec') !== 'h264' || !transceiver.setCodecPreferences) return;
  const codecs = RTCRtpSender.getCapabilities?.('video')?.codecs || [];
  const h264 = (c) => c.mimeType.toLowerCase() === 'video/h264'
    && /packetization-mode=1/.test(c.sdpFmtpLine || '') && /profile-level-id=42e0/i.test(c.sdpFmtpLine || '');
  if (codecs.some(h264)) transceiver.setCodecPreferences([...codecs.filter(h264), ...codecs.filter((c) => !h264(c))]);
}

export function simulcastFits(track) {
  if (localStorage.getItem('chorus.simulcast') === 'off') return false;
  const { width = 0, height = 0 } = track.getSettings?.() || {};
  return Math.min(width, height) >= 240;
}
