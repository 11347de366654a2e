package dev.chorus.media.srtp;

import java.util.HexFormat;
import java.util.Random;

/** Packets and keys for the SRTP tests. */
final class SrtpTestPackets {
  /** Free room left after every packet: more than any profile's overhead. */
  static final int SPARE = 32;

  private SrtpTestPackets() {}

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  static String hex(byte[] bytes, int offset, int length) {
    return HexFormat.of().formatHex(bytes, offset, offset + length);
  }

  /** Keying material of {@code profile} filled with a seeded pattern. */
  static SrtpKeyingMaterial keys(SrtpProfile profile, long seed) {
    byte[] material = new byte[profile.keyingMaterialLength()];
    new Random(seed).nextBytes(material);
    return SrtpKeyingMaterial.split(profile, material);
  }

  /**
   * An RTP packet (version 2, payload type 111) with {@code csrcs} CSRCs, an optional one-byte
   * header extension of {@code extensionWords} words, and a patterned payload.
   */
  static byte[] rtp(int ssrc, int seq, int csrcs, int extensionWords, int payloadLength) {
    boolean extension = extensionWords > 0;
    int headerLength = 12 + 4 * csrcs + (extension ? 4 + 4 * extensionWords : 0);
    byte[] packet = new byte[headerLength + payloadLength];
    packet[0] = (byte) (0x80 | (extension ? 0x10 : 0) | csrcs);
    packet[1] = 111;
    packet[2] = (byte) (seq >>> 8);
    packet[3] = (byte) seq;
    writeInt(packet, 4, seq * 960);
    writeInt(packet, 8, ssrc);
    for (int i = 0; i < csrcs; i++) {
      writeInt(packet, 12 + 4 * i, 0x1000 + i);
    }
    if (extension) {
      int at = 12 + 4 * csrcs;
      packet[at] = (byte) 0xbe;
      packet[at + 1] = (byte) 0xde;
      packet[at + 3] = (byte) extensionWords;
      for (int i = 0; i < 4 * extensionWords; i++) {
        packet[at + 4 + i] = (byte) (0x20 + i);
      }
    }
    for (int i = headerLength; i < packet.length; i++) {
      packet[i] = (byte) (i * 7 + seq);
    }
    return packet;
  }

  static byte[] rtp(int ssrc, int seq) {
    return rtp(ssrc, seq, 0, 0, 160);
  }

  /** A receiver report from {@code ssrc} with one report block, padded with a pattern. */
  static byte[] rtcp(int ssrc) {
    byte[] packet = new byte[32];
    packet[0] = (byte) 0x81;
    packet[1] = (byte) 201;
    packet[3] = 7;
    writeInt(packet, 4, ssrc);
    for (int i = 8; i < packet.length; i++) {
      packet[i] = (byte) (i * 13);
    }
    return packet;
  }

  /** {@code packet} copied to {@code offset} in a new array with {@link #SPARE} bytes after it. */
  static byte[] placed(byte[] packet, int offset) {
    byte[] buffer = new byte[offset + packet.length + SPARE];
    System.arraycopy(packet, 0, buffer, offset, packet.length);
    return buffer;
  }

  static void writeInt(byte[] buf, int at, int value) {
    buf[at] = (byte) (value >>> 24);
    buf[at + 1] = (byte) (value >>> 16);
    buf[at + 2] = (byte) (value >>> 8);
    buf[at + 3] = (byte) value;
  }
}
