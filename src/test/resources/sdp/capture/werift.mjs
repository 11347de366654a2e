import { RTCPeerConnection, MediaStreamTrack, RTCRtpCodecParameters } from 'werift';
import fs from 'fs';
async function gathered(pc) {
  if (pc.iceGatheringState === 'complete') return;
  await new Promise((r) => pc.iceGatheringStateChange.subscribe((s) => s === 'complete' && r()));
}
const mode = process.argv[2];
if (mode === 'offer') {
  const pc = new RTCPeerConnection({});
  pc.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: 'sendonly' });
  pc.addTransceiver(new MediaStreamTrack({ kind: 'video' }), { direction: 'sendonly' });
  pc.createDataChannel('chat');
  await pc.setLocalDescription(await pc.createOffer());
  await gathered(pc);
  process.stdout.write(pc.localDescription.sdp);
  await pc.close();
} else {
  const offer = fs.readFileSync(process.argv[3], 'utf8').replace(/\r?\n/g, '\r\n');
  const pc = new RTCPeerConnection({});
  await pc.setRemoteDescription({ type: 'offer', sdp: offer });
  await pc.setLocalDescription(await pc.createAnswer());
  await gathered(pc);
  process.stdout.write(pc.localDescription.sdp);
  await pc.close();
}
process.exit(0);
