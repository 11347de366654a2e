import ndc from 'node-datachannel';
import fs from 'fs';
const offer = fs.readFileSync(process.argv[2], 'utf8').replace(/\r?\n/g, '\r\n');
const pc = new ndc.PeerConnection('pc', { iceServers: [] });
pc.onTrack(() => {});
pc.onGatheringStateChange((s) => {
  if (s === 'complete') {
    process.stdout.write(pc.localDescription().sdp);
    pc.close();
    ndc.cleanup();
  }
});
pc.setRemoteDescription(offer, 'offer');
