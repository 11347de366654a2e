// The HTTP side of WHIP and WHEP (RFC 9725 and the WHEP draft) that both test peers share.

/** Resolves with the local description once ICE gathering is complete (no trickle needed). */
export function gathered(pc, timeoutMs = 5000) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve(pc.localDescription.sdp);
  return new Promise((resolve) => {
    const done = () => resolve(pc.localDescription.sdp);
    const timer = setTimeout(done, timeoutMs);
    pc.iceGatheringStateChange.subscribe((state) => {
      if (state === 'complete') {
        clearTimeout(timer);
        done();
      }
    });
  });
}

/** The Link headers of a response (each ICE server one, RFC 9725 §4.6), as sent. */
export function linkHeaders(headers) {
  const all = headers.get('link');
  return all ? all.split(/,(?=\s*<)/).map((l) => l.trim()) : [];
}
