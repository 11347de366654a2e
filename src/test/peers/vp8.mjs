// VP8 for the test peer, written from the RFCs (nothing here decodes pixels): reading an IVF file,
// the RTP payload format of RFC 7741 in both directions, and the frame header of RFC 6386 §9.1
// that says whether a frame is a key frame and how large it is.

/**
 * The frames of an IVF file (the container libvpx and ffmpeg write: a 32-byte file header, then
 * per frame a 12-byte header — 4-byte little-endian size, 8-byte timestamp — and the frame).
 */
export function readIvf(buf) {
  if (buf.toString('ascii', 0, 4) !== 'DKIF' || buf.toString('ascii', 8, 12) !== 'VP80') {
    throw new Error('not an IVF file of VP8 frames');
  }
  const headerSize = buf.readUInt16LE(6);
  const rate = buf.readUInt32LE(16);
  const scale = buf.readUInt32LE(20);
  const frames = [];
  for (let at = headerSize; at + 12 <= buf.length;) {
    const size = buf.readUInt32LE(at);
    if (at + 12 + size > buf.length) throw new Error(`IVF frame at byte ${at} is cut short`);
    frames.push(buf.subarray(at + 12, at + 12 + size));
    at += 12 + size;
  }
  if (frames.length === 0 || !frameHeader(frames[0])?.key) {
    throw new Error('the IVF file must start with a VP8 key frame');
  }
  return { fps: rate / scale, frames };
}

/**
 * RFC 6386 §9.1: the 3-byte frame tag (bit 0 of the first byte is 0 for a key frame), then for a
 * key frame the start code 9d 01 2a and the 14-bit width and height. Null when the bytes are not
 * a plausible VP8 frame.
 */
export function frameHeader(frame) {
  if (frame.length < 3) return null;
  const key = (frame[0] & 0x01) === 0;
  if (!key) return { key: false };
  if (frame.length < 10 || frame[3] !== 0x9d || frame[4] !== 0x01 || frame[5] !== 0x2a) return null;
  return { key: true, width: frame.readUInt16LE(6) & 0x3fff, height: frame.readUInt16LE(8) & 0x3fff };
}

/**
 * RFC 7741 §4.2: one frame cut into RTP payloads of at most `maxPayload` bytes, each with the
 * payload descriptor X=1, S=1 on the first, partition index 0, and a 15-bit PictureID (I=1, M=1)
 * as browsers send it. The caller sets the marker bit on the last packet (§4.1).
 */
export function packetize(frame, pictureId, maxPayload = 1100) {
  const descriptorSize = 4;
  const chunk = maxPayload - descriptorSize;
  const payloads = [];
  for (let at = 0; at < frame.length; at += chunk) {
    const descriptor = Buffer.from([
      0x80 | (at === 0 ? 0x10 : 0x00), // X, S, PID 0
      0x80, // I: a PictureID follows
      0x80 | ((pictureId >> 8) & 0x7f), // M: 15-bit PictureID
      pictureId & 0xff,
    ]);
    payloads.push(Buffer.concat([descriptor, frame.subarray(at, at + chunk)]));
  }
  return payloads;
}

/**
 * RFC 7741 §4.2: where the VP8 bytes start in an RTP payload and whether it starts a frame
 * (S=1 and partition index 0). Null when the descriptor is cut short.
 */
export function parseDescriptor(payload) {
  if (payload.length < 1) return null;
  let at = 1;
  const x = payload[0] & 0x80;
  const start = (payload[0] & 0x10) !== 0 && (payload[0] & 0x07) === 0;
  if (x) {
    if (payload.length < 2) return null;
    const ext = payload[1];
    at = 2;
    if (ext & 0x80) at += payload[at] & 0x80 ? 2 : 1; // I: PictureID, 7 or 15 bits
    if (ext & 0x40) at += 1; // L: TL0PICIDX
    if (ext & 0x30) at += 1; // T or K: TID / Y / KEYIDX
  }
  return at <= payload.length ? { start, offset: at } : null;
}

/**
 * Rebuilds the frames of one RTP stream (RFC 7741 §4.5): a frame is the packets from one whose
 * descriptor starts a frame to the one with the marker bit, same timestamp, no sequence number
 * missing. A frame with a gap is dropped, as a decoder would until the next key frame.
 */
export class Vp8Reassembler {
  #parts = null;
  #timestamp = 0;
  #nextSeq = 0;

  /** Adds one packet; returns the frame it completes ({key, width, height, bytes}) or null. */
  push(header, payload) {
    const d = parseDescriptor(payload);
    if (!d) {
      this.#parts = null;
      return null;
    }
    if (d.start) {
      this.#parts = [];
      this.#timestamp = header.timestamp;
    } else if (!this.#parts || header.sequenceNumber !== this.#nextSeq || header.timestamp !== this.#timestamp) {
      this.#parts = null; // a gap or a packet of another frame: this frame is lost
      return null;
    }
    this.#parts.push(payload.subarray(d.offset));
    this.#nextSeq = (header.sequenceNumber + 1) & 0xffff;
    if (!header.marker) return null;
    const frame = Buffer.concat(this.#parts);
    this.#parts = null;
    const h = frameHeader(frame);
    return h ? { ...h, bytes: frame.length } : null;
  }
}
