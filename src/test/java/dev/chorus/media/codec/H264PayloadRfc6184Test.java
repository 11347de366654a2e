package dev.chorus.media.codec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** H.264 key frame detection over the RTP packetizations of RFC 6184 §5.6–5.8. */
class H264PayloadRfc6184Test {
  private static boolean key(String hex) {
    byte[] p = HexFormat.of().parseHex(hex.replace(" ", ""));
    return H264Payload.isKeyframe(p, 0, p.length);
  }

  @Test
  void singleNalUnits() {
    assertTrue(key("65 88 84"), "IDR slice, type 5");
    assertTrue(key("67 42 c0 1f"), "SPS, type 7");
    assertFalse(key("41 9a 02"), "non-IDR slice, type 1");
    assertFalse(key("68 ce 3c 80"), "PPS alone, type 8");
  }

  @Test
  void stapAWithSpsPpsIdr() {
    // STAP-A (24): [size 4] SPS, [size 2] PPS, [size 3] IDR
    assertTrue(key("78 0004 6742c01f 0002 68ce 0003 658884"));
    assertFalse(key("78 0002 68ce 0003 419a02"), "PPS and a non-IDR slice");
    assertFalse(key("78 0009 6742"), "size runs past the end");
    assertFalse(key("78 0000 65"), "zero size");
  }

  @Test
  void fuAOnlyItsFirstFragmentOfAnIdr() {
    assertTrue(key("7c 85 88 84"), "FU-A (28), S=1, type 5");
    assertFalse(key("7c 05 88 84"), "S=0: a later fragment");
    assertFalse(key("7c 81 9a"), "S=1, type 1");
    assertFalse(key("7c"), "no FU header");
  }

  @Test
  void garbageIsNotAKeyframe() {
    assertFalse(H264Payload.isKeyframe(null, 0, 0));
    assertFalse(H264Payload.isKeyframe(new byte[0], 0, 0));
    assertFalse(H264Payload.isKeyframe(new byte[2], 1, 5));
  }
}
