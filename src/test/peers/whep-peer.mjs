// A non-browser WHEP player: werift POSTs a recvonly offer (one audio, one video section, every
// candidate gathered) to /api/rooms/{room}/streams/{stream}/whep for each --stream, with a bearer
// credential (a view or publish key csk_…, or a session token), applies the 201's answer and
// counts what arrives per stream: RTP packets, and the VP8 frames rebuilt from them (key frames
// with their size); it asks for a key frame (PLI) while none came. It DELETEs each session when it
// stops. One JSON object per line on stdout for NonBrowserWhipIT: `offer`, `refused` or `created`
// per stream, `connection`, `stats` once a second ({streams: [{stream, connection, received}]}),
// `deleted`, `bye`.
//
//   NODE_EXTRA_CA_CERTS=chorus.pem node whep-peer.mjs --url https://localhost:8181/ --token T
//        --room ID --stream ID [--stream ID2 …] [--max-seconds 300]

import { parseArgs } from 'node:util';
import { RTCPeerConnection } from 'werift';
import { PC_CONFIG, countReceived, emit, selectedPair } from './peer-media.mjs';
import { gathered, linkHeaders } from './whip-http.mjs';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    room: { type: 'string' },
    stream: { type: 'string', multiple: true },
    'max-seconds': { type: 'string', default: '300' },
  },
});

/** Plays one stream; null when the server refused it. */
async function play(stream) {
  const pc = new RTCPeerConnection(PC_CONFIG);
  const received = countReceived(pc);
  pc.addTransceiver('audio', { direction: 'recvonly' });
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.connectionStateChange.subscribe((state) => emit('connection', { stream, state, pair: selectedPair(pc) }));
  await pc.setLocalDescription(await pc.createOffer());
  const offer = await gathered(pc);
  emit('offer', { stream, sdp: offer });
  const endpoint = new URL(
    `api/rooms/${encodeURIComponent(args.room)}/streams/${encodeURIComponent(stream)}/whep`, args.url);
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/sdp', Authorization: `Bearer ${args.token}` },
    body: offer,
  });
  const body = await res.text();
  if (res.status !== 201) {
    emit('refused', { stream, status: res.status, contentType: res.headers.get('content-type'), body });
    await pc.close();
    return null;
  }
  const location = new URL(res.headers.get('location'), endpoint).toString();
  emit('created', {
    stream, status: res.status, location, etag: res.headers.get('etag'),
    contentType: res.headers.get('content-type'), links: linkHeaders(res.headers), answer: body,
  });
  await pc.setRemoteDescription({ type: 'answer', sdp: body });
  return { stream, pc, location, received };
}

async function main() {
  const players = (await Promise.all((args.stream || []).map(play))).filter(Boolean);
  const report = setInterval(() => emit('stats', {
    streams: players.map((p) => ({
      stream: p.stream, connection: p.pc.connectionState, pair: selectedPair(p.pc), received: p.received(),
    })),
  }), 1000);
  let stopping = false;
  const stop = async (why) => {
    if (stopping) return;
    stopping = true;
    clearInterval(report);
    for (const p of players) {
      try {
        const del = await fetch(p.location, { method: 'DELETE', headers: { Authorization: `Bearer ${args.token}` } });
        emit('deleted', { stream: p.stream, status: del.status });
      } catch (e) {
        emit('deleted', { stream: p.stream, status: 0, message: e.message });
      }
      await p.pc.close().catch(() => {});
    }
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
