package dev.chorus.media.rtp.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** REMB, draft-alvestrand-rmcat-remb-03 §2.2: "REMB", SSRC count, 6-bit exp, 18-bit mantissa. */
class RembDraftAlvestrand03Test {

  @Test
  void chromeRembRoundTrips() {
    byte[] b = Hex.fixture("rtcp-remb-chrome.hex");
    Remb remb = Remb.parse(b, 0, b.length).orElseThrow();
    assertEquals(new Remb(1, 139487L << 6, List.of(1215622422L)), remb);
    assertEquals(8927168, remb.bitrate());
    assertArrayEquals(b, remb.toBytes());
    assertEquals(remb, RtcpParser.parse(b, 0, b.length).orElseThrow());
  }

  @Test
  void encodingRoundsDownTo18SignificantBits() {
    Remb remb = new Remb(1, 8927167, List.of(1215622422L));
    byte[] b = remb.toBytes();
    assertEquals("011a20de", Hex.of(b, 16, 4));
    assertEquals(8927104, Remb.parse(b, 0, b.length).orElseThrow().bitrate());
    assertEquals(0, Remb.exponentFor(262143));
    assertEquals(1, Remb.exponentFor(262144));
    byte[] small = new Remb(9, 1000, List.of()).toBytes();
    assertEquals("8fce0004 00000009 00000000 52454d42 000003e8".replace(" ", ""), Hex.of(small));
  }

  @Test
  void hugeExponentsSaturate() {
    // exp 63, mantissa 0x3ffff: far beyond 2^63 b/s
    byte[] b = Hex.bytes("8fce0004 00000000 00000000 52454d42 00ffffff");
    Remb huge = Remb.parse(b, 0, b.length).orElseThrow();
    assertEquals(Remb.MAX_BITRATE, huge.bitrate());
    assertEquals(huge, Remb.parse(huge.toBytes(), 0, 20).orElseThrow());
    Remb max = new Remb(0, Long.MAX_VALUE, List.of());
    assertEquals(45, Remb.exponentFor(Long.MAX_VALUE));
    byte[] wire = max.toBytes();
    assertEquals(0x3ffffL << 45, Remb.parse(wire, 0, wire.length).orElseThrow().bitrate());
  }

  @Test
  void malformedRembIsRejectedAndOtherAfbIsUnknown() {
    byte[] ssrcsPastEnd = Hex.bytes("8fce0004 00000001 00000000 52454d42 011a20df");
    assertTrue(Remb.parse(ssrcsPastEnd, 0, ssrcsPastEnd.length).isEmpty());
    assertTrue(RtcpParser.parse(ssrcsPastEnd, 0, ssrcsPastEnd.length).isEmpty());
    byte[] otherAfb = Hex.bytes("8fce0003 00000001 00000000 474f4f47");
    assertTrue(Remb.parse(otherAfb, 0, otherAfb.length).isEmpty());
    assertInstanceOf(UnknownRtcp.class, RtcpParser.parse(otherAfb, 0, otherAfb.length).get());
  }
}
