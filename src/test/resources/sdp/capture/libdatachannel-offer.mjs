import ndc from 'node-datachannel';
const pc = new ndc.PeerConnection('pc', { iceServers: [] });
const audio = new ndc.Audio('0', 'SendOnly');
audio.addOpusCodec(111);
audio.addSSRC(1111, 'ndc-cname', 'ndc-stream', 'ndc-audio');
const video = new ndc.Video('1', 'SendOnly');
video.addVP8Codec(96);
video.addH264Codec(102);
video.addSSRC(2222, 'ndc-cname', 'ndc-stream', 'ndc-video');
pc.addTrack(audio);
pc.addTrack(video);
pc.createDataChannel('chat');
pc.onGatheringStateChange((s) => {
  if (s === 'complete') {
    const d = pc.localDescription();
    process.stdout.write(d.sdp);
    pc.close();
    ndc.cleanup();
  }
});
pc.setLocalDescription();
