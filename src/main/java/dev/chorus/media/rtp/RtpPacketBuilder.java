package dev.chorus.media.rtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Composes RTP packets (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-5.1">RFC 3550
 * §5.1</a>) with RFC 8285 header extensions (<a
 * href="https://www.rfc-editor.org/rfc/rfc8285#section-4">§4</a>), for tests, retransmissions (RTX)
 * and packets the SFU originates. Not for the forwarding path, which edits packets in place through
 * {@link RtpPacket}.
 *
 * <p>Extensions use the one-byte form when every id is 1–14 and every value 1–16 bytes long,
 * otherwise the two-byte form. Arguments out of range are programming errors and throw {@link
 * IllegalArgumentException}; {@link #writeTo} reports a too-small buffer by returning -1.
 */
public final class RtpPacketBuilder {
  private record Element(int id, byte[] data) {}

  private boolean marker;
  private int payloadType;
  private int sequenceNumber;
  private long timestamp;
  private long ssrc;
  private final List<Long> csrcs = new ArrayList<>();
  private final List<Element> elements = new ArrayList<>();
  private boolean forceTwoByte;
  private int appBits;
  private int rawProfile = -1;
  private byte[] rawExtension;
  private byte[] payload = new byte[0];
  private int payloadOff;
  private int payloadLen;
  private int padding;

  /**
   * Starts from a copy of a decrypted {@code packet} (one accepted by {@link RtpPacket#wrap}, not
   * {@link RtpPacket#wrapHeader}, whose payload would include padding and auth tag): header fields,
   * CSRCs, extension elements (padding between them is not kept) or an opaque non-RFC 8285 block as
   * is, payload (copied) and padding length.
   */
  public static RtpPacketBuilder from(RtpPacket packet) {
    RtpPacketBuilder b =
        new RtpPacketBuilder()
            .marker(packet.marker())
            .payloadType(packet.payloadType())
            .sequenceNumber(packet.sequenceNumber())
            .timestamp(packet.timestamp())
            .ssrc(packet.ssrc());
    for (int i = 0; i < packet.csrcCount(); i++) {
      b.csrc(packet.csrc(i));
    }
    int profile = packet.extensionProfile();
    byte[] buf = packet.buffer();
    if (RtpPacket.isRfc8285(profile)) {
      if (profile != RtpPacket.ONE_BYTE_PROFILE) {
        b.twoByteExtensions(profile & 0x0F);
      }
      HeaderExtensionCursor c = packet.extensions();
      while (c.next()) {
        int at = c.dataOffset();
        b.extension(c.id(), Arrays.copyOfRange(buf, at, at + c.dataLength()));
      }
    } else if (profile >= 0) {
      int at = packet.extensionDataOffset();
      b.rawExtension(profile, Arrays.copyOfRange(buf, at, at + packet.extensionDataLength()));
    }
    int at = packet.payloadOffset();
    return b.payload(Arrays.copyOfRange(buf, at, at + packet.payloadLength()))
        .padding(packet.paddingLength());
  }

  public RtpPacketBuilder marker(boolean marker) {
    this.marker = marker;
    return this;
  }

  public RtpPacketBuilder payloadType(int payloadType) {
    this.payloadType = check(payloadType, 0, 127, "payload type");
    return this;
  }

  public RtpPacketBuilder sequenceNumber(int sequenceNumber) {
    this.sequenceNumber = check(sequenceNumber, 0, 0xFFFF, "sequence number");
    return this;
  }

  public RtpPacketBuilder timestamp(long timestamp) {
    this.timestamp = check(timestamp, "timestamp");
    return this;
  }

  public RtpPacketBuilder ssrc(long ssrc) {
    this.ssrc = check(ssrc, "ssrc");
    return this;
  }

  public RtpPacketBuilder csrc(long csrc) {
    if (csrcs.size() == 15) {
      throw new IllegalArgumentException("at most 15 CSRCs");
    }
    csrcs.add(check(csrc, "csrc"));
    return this;
  }

  /** Appends extension element {@code id} with a copy of {@code data}. */
  public RtpPacketBuilder extension(int id, byte[] data) {
    check(id, 1, 255, "extension id");
    check(data.length, 0, 255, "extension length");
    if (rawExtension != null) {
      throw new IllegalArgumentException("packet already has a non-RFC 8285 extension block");
    }
    elements.add(new Element(id, data.clone()));
    return this;
  }

  /** Inserts {@code bytes} zero bytes of padding between elements, e.g. to align the next one. */
  public RtpPacketBuilder extensionPadding(int bytes) {
    check(bytes, 0, 255, "extension padding");
    elements.add(new Element(0, new byte[bytes]));
    return this;
  }

  /** Forces the two-byte form with the given 4 "appbits" (RFC 8285 §4.3). */
  public RtpPacketBuilder twoByteExtensions(int appBits) {
    this.appBits = check(appBits, 0, 15, "appbits");
    this.forceTwoByte = true;
    return this;
  }

  /** A header extension block that is not RFC 8285 (RFC 3550 §5.3.1), data a multiple of 4. */
  public RtpPacketBuilder rawExtension(int profile, byte[] data) {
    check(profile, 0, 0xFFFF, "profile");
    if (data.length % 4 != 0 || !elements.isEmpty()) {
      throw new IllegalArgumentException("raw extension: length % 4 != 0 or elements present");
    }
    this.rawProfile = profile;
    this.rawExtension = data.clone();
    return this;
  }

  /** Uses {@code len} bytes of {@code buf} as the payload, by reference, copied at write time. */
  public RtpPacketBuilder payload(byte[] buf, int off, int len) {
    if (off < 0 || len < 0 || len > buf.length - off) {
      throw new IllegalArgumentException("payload range out of bounds");
    }
    this.payload = buf;
    this.payloadOff = off;
    this.payloadLen = len;
    return this;
  }

  public RtpPacketBuilder payload(byte[] payload) {
    return payload(payload, 0, payload.length);
  }

  /** Padding bytes to append (count byte included), 0 for none; sets the P bit when non-zero. */
  public RtpPacketBuilder padding(int bytes) {
    this.padding = check(bytes, 0, 255, "padding");
    return this;
  }

  private boolean twoByteForm() {
    if (forceTwoByte) {
      return true;
    }
    for (Element e : elements) {
      if (e.id() != 0 && (e.id() > 14 || e.data().length == 0 || e.data().length > 16)) {
        return true;
      }
    }
    return false;
  }

  private int extensionDataLength() {
    if (rawExtension != null) {
      return rawExtension.length;
    }
    int headerSize = twoByteForm() ? 2 : 1;
    int n = 0;
    for (Element e : elements) {
      n += (e.id() == 0 ? 0 : headerSize) + e.data().length;
    }
    return HeaderExtensionEditor.roundUp4(n);
  }

  private boolean hasExtension() {
    return rawExtension != null || !elements.isEmpty();
  }

  /** Bytes {@link #writeTo} will write. */
  public int length() {
    int n = RtpPacket.FIXED_HEADER_LENGTH + 4 * csrcs.size();
    if (hasExtension()) {
      n += 4 + extensionDataLength();
    }
    return n + payloadLen + padding;
  }

  /** Writes the packet at {@code buf[off]}; returns its length, or -1 if it does not fit. */
  public int writeTo(byte[] buf, int off) {
    int total = length();
    if (buf == null || off < 0 || total > buf.length - off) {
      return -1;
    }
    int first = (RtpPacket.VERSION << 6) | csrcs.size();
    first |= padding > 0 ? 0x20 : 0;
    first |= hasExtension() ? 0x10 : 0;
    buf[off] = (byte) first;
    buf[off + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
    BigEndian.put16(buf, off + 2, sequenceNumber);
    BigEndian.put32(buf, off + 4, timestamp);
    BigEndian.put32(buf, off + 8, ssrc);
    int w = off + RtpPacket.FIXED_HEADER_LENGTH;
    for (long csrc : csrcs) {
      BigEndian.put32(buf, w, csrc);
      w += 4;
    }
    if (hasExtension()) {
      w = writeExtension(buf, w);
    }
    System.arraycopy(payload, payloadOff, buf, w, payloadLen);
    w += payloadLen;
    if (padding > 0) {
      Arrays.fill(buf, w, w + padding - 1, (byte) 0);
      buf[w + padding - 1] = (byte) padding;
    }
    return total;
  }

  private int writeExtension(byte[] buf, int w) {
    int dataLength = extensionDataLength();
    boolean twoByte = twoByteForm();
    int profile =
        rawExtension != null
            ? rawProfile
            : twoByte ? RtpPacket.TWO_BYTE_PROFILE | appBits : RtpPacket.ONE_BYTE_PROFILE;
    BigEndian.put16(buf, w, profile);
    BigEndian.put16(buf, w + 2, dataLength / 4);
    int at = w + 4;
    int end = at + dataLength;
    if (rawExtension != null) {
      System.arraycopy(rawExtension, 0, buf, at, dataLength);
      return end;
    }
    for (Element e : elements) {
      byte[] d = e.data();
      if (e.id() != 0) {
        if (twoByte) {
          buf[at++] = (byte) e.id();
          buf[at++] = (byte) d.length;
        } else {
          buf[at++] = (byte) ((e.id() << 4) | (d.length - 1));
        }
      }
      System.arraycopy(d, 0, buf, at, d.length);
      at += d.length;
    }
    Arrays.fill(buf, at, end, (byte) 0);
    return end;
  }

  /** A new array holding the packet. */
  public byte[] build() {
    byte[] out = new byte[length()];
    writeTo(out, 0);
    return out;
  }

  private static int check(int v, int min, int max, String what) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(what + " out of range: " + v);
    }
    return v;
  }

  private static long check(long v, String what) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(what + " is not an unsigned 32-bit value: " + v);
    }
    return v;
  }
}
