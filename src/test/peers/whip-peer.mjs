// A non-browser WHIP publisher (RFC 9725), as an encoder is: werift sends a looped VP8 file and
// Opus silence into a Chorus room. It POSTs its offer, with every candidate gathered (no trickle),
// to /api/rooms/{room}/whip with a bearer credential (a stream key csk_… or a session token),
// applies the 201's answer, and DELETEs the session resource (Location) when it stops. It prints
// one JSON object per line on stdout for NonBrowserWhipIT: `offer`, `refused` (status, body) or
// `created` (status, location, etag, links, answer), `connection`, `stats` once a second (sent:
// packets, frames, key frames, PLIs received), `deleted` (the DELETE's status), `bye`.
//
//   NODE_EXTRA_CA_CERTS=chorus.pem node whip-peer.mjs --url https://localhost:8181/ --token csk_…
//        --room ID --video media/file.ivf [--name "Studio"] [--max-seconds 300]

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MediaStreamTrack, RTCPeerConnection } from 'werift';
import { readIvf } from './vp8.mjs';
import { MediaPump, PC_CONFIG, emit, selectedPair } from './peer-media.mjs';
import { gathered, linkHeaders } from './whip-http.mjs';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    room: { type: 'string' },
    video: { type: 'string' },
    name: { type: 'string' },
    'max-seconds': { type: 'string', default: '300' },
  },
});

async function main() {
  const ivf = readIvf(readFileSync(args.video));
  const pc = new RTCPeerConnection(PC_CONFIG);
  const audio = new MediaStreamTrack({ kind: 'audio' });
  const video = new MediaStreamTrack({ kind: 'video' });
  pc.addTransceiver(audio, { direction: 'sendonly' });
  const camera = pc.addTransceiver(video, { direction: 'sendonly' });
  pc.connectionStateChange.subscribe((state) => emit('connection', { state, pair: selectedPair(pc) }));
  await pc.setLocalDescription(await pc.createOffer());
  const offer = await gathered(pc);
  emit('offer', { sdp: offer });

  const endpoint = new URL(`api/rooms/${encodeURIComponent(args.room)}/whip`, args.url);
  if (args.name) endpoint.searchParams.set('name', args.name);
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/sdp', Authorization: `Bearer ${args.token}` },
    body: offer,
  });
  const body = await res.text();
  if (res.status !== 201) {
    emit('refused', { status: res.status, contentType: res.headers.get('content-type'), body });
    await pc.close();
    process.exit(2);
  }
  const location = new URL(res.headers.get('location'), endpoint).toString();
  emit('created', {
    status: res.status, location, etag: res.headers.get('etag'),
    contentType: res.headers.get('content-type'), links: linkHeaders(res.headers), answer: body,
  });
  await pc.setRemoteDescription({ type: 'answer', sdp: body });
  const pump = new MediaPump(audio, video, camera.sender, ivf);

  const report = setInterval(() => emit('stats', {
    sent: pump.sent, connection: pc.connectionState, pair: selectedPair(pc),
  }), 1000);
  let stopping = false;
  const stop = async (why) => {
    if (stopping) return;
    stopping = true;
    clearInterval(report);
    pump.stop();
    try {
      const del = await fetch(location, { method: 'DELETE', headers: { Authorization: `Bearer ${args.token}` } });
      emit('deleted', { status: del.status });
    } catch (e) {
      emit('deleted', { status: 0, message: e.message });
    }
    await pc.close().catch(() => {});
    emit('bye', { why });
    setTimeout(() => process.exit(0), 200);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.stdin.on('end', () => stop('stdin closed'));
  process.stdin.resume();
  setTimeout(() => stop('max-seconds'), Number(args['max-seconds']) * 1000).unref();
}

main().catch((e) => {
  emit('failed', { message: e.message, stack: e.stack });
  process.exit(1);
});
