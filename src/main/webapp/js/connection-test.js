// The connection test: camera and microphone go to the Chorus media server over WebRTC and come
// straight back; the page shows the returned video and how the connection is doing.

import { session } from './api.js';
import { ChorusSocket } from './socket.js';

const $ = (id) => document.getElementById(id);
const socket = new ChorusSocket(() => session.token);
let pc = null;
let localStream = null;
let statsTimer = null;
let previous = null;
const latest = { state: 'idle' };

const CAMERA_ERRORS = {
  NotAllowedError: 'Camera or microphone permission was denied. Allow it in the address bar and try again.',
  NotFoundError: 'No camera or microphone was found.',
  NotReadableError: 'The camera or microphone is in use by another program.',
};

function setState(text) {
  latest.state = text;
  $('state').textContent = text;
}

function request(type, fields) {
  return new Promise((resolve, reject) => {
    const id = socket.send(type, fields);
    const onMessage = (e) => {
      const msg = e.detail;
      if (msg.id !== id) return;
      socket.removeEventListener('message', onMessage);
      if (msg.type === 'error') reject(new Error(msg.message)); else resolve(msg);
    };
    socket.addEventListener('message', onMessage);
    setTimeout(() => {
      socket.removeEventListener('message', onMessage);
      reject(new Error('The server did not answer in time.'));
    }, 15000);
  });
}

function whenOpen() {
  if (socket.state === 'open') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onState = (e) => {
      if (e.detail.state === 'open') { socket.removeEventListener('state', onState); resolve(); }
      if (e.detail.state === 'closed') { socket.removeEventListener('state', onState); reject(new Error('Not connected to Chorus: log in again.')); }
    };
    socket.addEventListener('state', onState);
  });
}

async function start(transport) {
  stop();
  $('error').textContent = '';
  setButtons(true);
  try {
    setState('Opening camera and microphone…');
    try {
      localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
    } catch (e) {
      throw new Error(CAMERA_ERRORS[e.name] || `The camera could not be opened (${e.name}).`);
    }
    $('local').srcObject = localStream;
    setState('Connecting to the server…');
    await whenOpen();
    pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    for (const track of localStream.getTracks()) {
      pc.addTransceiver(track, { direction: 'sendrecv', streams: [localStream] });
    }
    pc.ontrack = (e) => {
      const remote = $('remote');
      if (!remote.srcObject) remote.srcObject = new MediaStream();
      remote.srcObject.addTrack(e.track);
    };
    pc.onicecandidate = (e) => {
      if (e.candidate && pc.remoteDescription) {
        socket.send('media.echo.candidate', { candidate: e.candidate.candidate });
      }
    };
    pc.onconnectionstatechange = () => {
      const s = pc?.connectionState;
      if (s === 'connected') setState(`Connected${transport === 'tcp' ? ' (TCP only)' : ''}`);
      else if (s === 'failed') { setState('Failed'); $('error').textContent = 'The media server could not be reached from this browser.'; }
      else if (s) setState(s[0].toUpperCase() + s.slice(1) + '…');
    };
    await pc.setLocalDescription(await pc.createOffer());
    const answer = await request('media.echo.offer', { sdp: pc.localDescription.sdp, transport });
    await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    statsTimer = setInterval(updateStats, 1000);
  } catch (e) {
    $('error').textContent = e.message;
    setState('Stopped');
    stop();
  }
}

function stop() {
  clearInterval(statsTimer);
  statsTimer = null;
  previous = null;
  if (pc) {
    pc.close();
    pc = null;
    if (socket.state === 'open') socket.send('media.echo.stop');
  }
  localStream?.getTracks().forEach((t) => t.stop());
  localStream = null;
  $('local').srcObject = null;
  $('remote').srcObject = null;
  setButtons(false);
}

function setButtons(running) {
  $('start').disabled = running;
  $('start-tcp').disabled = running;
  $('stop').disabled = !running;
}

/** The figures the page shows, also used by the browser tests. */
async function collect() {
  if (!pc) return { state: latest.state };
  const report = await pc.getStats();
  const out = { state: latest.state, framesDecoded: 0, audioPacketsReceived: 0, bytesSent: 0, bytesReceived: 0,
    packetsLost: 0, packetsReceived: 0, at: performance.now() };
  let pairId = null;
  report.forEach((s) => {
    if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
    // Firefox has no transport stats; it marks the selected pair itself.
    if (s.type === 'candidate-pair' && s.selected && !pairId) pairId = s.id;
    if (s.type === 'inbound-rtp') {
      out.bytesReceived += s.bytesReceived || 0;
      out.packetsLost += s.packetsLost || 0;
      out.packetsReceived += s.packetsReceived || 0;
      if (s.kind === 'video') out.framesDecoded += s.framesDecoded || 0;
      if (s.kind === 'audio') out.audioPacketsReceived += s.packetsReceived || 0;
    }
    if (s.type === 'outbound-rtp') out.bytesSent += s.bytesSent || 0;
  });
  const pair = pairId && report.get(pairId);
  if (pair) {
    const local = report.get(pair.localCandidateId);
    const remote = report.get(pair.remoteCandidateId);
    out.pair = {
      protocol: remote?.protocol, localType: local?.candidateType, remoteType: remote?.candidateType,
      localAddress: local?.address, remoteAddress: remote?.address, remotePort: remote?.port,
      rtt: pair.currentRoundTripTime,
    };
  }
  return out;
}

async function updateStats() {
  const now = await collect();
  if (now.pair) {
    const p = now.pair;
    $('pair').textContent = `${p.protocol?.toUpperCase()} ${p.localAddress ?? '?'} → ${p.remoteAddress}:${p.remotePort} (${p.localType}/${p.remoteType})`;
    $('rtt').textContent = p.rtt === undefined ? '—' : `${Math.round(p.rtt * 1000)} ms`;
  }
  if (previous) {
    const seconds = (now.at - previous.at) / 1000;
    const kbps = (bytes) => Math.round((bytes * 8) / seconds / 1000);
    $('bitrate').textContent = `${kbps(now.bytesSent - previous.bytesSent)} / ${kbps(now.bytesReceived - previous.bytesReceived)} kbit/s`;
  }
  const total = now.packetsLost + now.packetsReceived;
  $('loss').textContent = total ? `${((100 * now.packetsLost) / total).toFixed(1)} %` : '—';
  $('frames').textContent = String(now.framesDecoded);
  previous = now;
}

window.chorusConnectionTest = { stats: collect, start, stop };

$('start').addEventListener('click', () => start('any'));
$('start-tcp').addEventListener('click', () => start('tcp'));
$('stop').addEventListener('click', () => { stop(); setState('Stopped'); });

if (!session.token) {
  $('login-needed').hidden = false;
  setButtons(true);
  $('stop').disabled = true;
} else {
  socket.addEventListener('unauthorized', () => {
    $('login-needed').hidden = false;
    stop();
  });
  socket.start();
}
