package dev.chorus.media.sfu.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.RtpPacketBuilder;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The RTX payload format, RFC 4588 §4, converted in place both ways. */
class RtxPacketRfc4588Test {
  private static RtpPacket view(byte[] buf, int len) {
    var p = new RtpPacket();
    if (!p.wrap(buf, 0, len)) {
      throw new AssertionError();
    }
    return p;
  }

  @Test
  void encapsulatePutsTheOsnFirstAndKeepsHeaderExtensions() {
    byte[] buf = new byte[100];
    int len =
        new RtpPacketBuilder()
            .ssrc(0x11223344L)
            .payloadType(96)
            .sequenceNumber(0xBEEF)
            .timestamp(0x01020304L)
            .marker(true)
            .extension(1, new byte[] {7})
            .payload(new byte[] {(byte) 0xAA, (byte) 0xBB, (byte) 0xCC})
            .padding(4)
            .writeTo(buf, 0);
    var p = view(buf, len);

    int rtxLen = RtxPacket.encapsulate(p, 0x55667788L, 97, 0x0102);

    byte[] expected =
        HexFormat.of()
            .parseHex(
                "90e1"
                    + "0102"
                    + "01020304"
                    + "55667788" // V=2 X M PT=97, RTX seq, ts, RTX SSRC
                    + "bede0001"
                    + "10070000" // the extension, as it was
                    + "beef"
                    + "aabbcc"); // OSN, then the original payload; padding dropped
    assertArrayEquals(expected, Arrays.copyOf(buf, rtxLen));
    assertEquals(len - 4 + 2, rtxLen);
  }

  @Test
  void decapsulateRestoresTheOriginal() {
    byte[] original =
        new RtpPacketBuilder()
            .ssrc(0xA)
            .payloadType(96)
            .sequenceNumber(500)
            .timestamp(9)
            .payload(new byte[] {1, 2, 3, 4})
            .build();
    byte[] buf = Arrays.copyOf(original, 64);
    var p = view(buf, original.length);
    int rtxLen = RtxPacket.encapsulate(p, 0xB, 97, 77);
    var rtx = view(buf, rtxLen);

    int back = RtxPacket.decapsulate(rtx, 0xA, 96);

    assertArrayEquals(original, Arrays.copyOf(buf, back));
  }

  @Test
  void paddingOnlyRtxAndFullBuffersAreRefusedUnchanged() {
    byte[] probe =
        new RtpPacketBuilder().ssrc(0xB).payloadType(97).sequenceNumber(1).padding(200).build();
    byte[] copy = probe.clone();
    assertEquals(-1, RtxPacket.decapsulate(view(probe, probe.length), 0xA, 96));
    assertArrayEquals(copy, probe);

    byte[] exact = new RtpPacketBuilder().ssrc(0xA).payloadType(96).payload(new byte[] {1}).build();
    byte[] before = exact.clone();
    assertEquals(-1, RtxPacket.encapsulate(view(exact, exact.length), 0xB, 97, 1));
    assertArrayEquals(before, exact);
    assertFalse(Arrays.equals(new byte[0], exact));
  }
}
