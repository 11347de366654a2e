package dev.chorus.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The VP8 payload descriptor and key frame bit, RFC 7741 §4.2 and §4.3. */
class Vp8PayloadDescriptorRfc7741Test {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void minimalDescriptorStartOfKeyframe() {
    // |X=0|R|N=0|S=1|R|PID=0| then payload header P=0 (size0=0, show_frame=1, ver 0)
    byte[] p = hex("10 10 02 00 9d 01 2a");
    var d = new Vp8PayloadDescriptor();
    assertTrue(d.wrap(p, 0, p.length));
    assertEquals(1, d.length());
    assertTrue(d.isStartOfPartition());
    assertEquals(0, d.partitionIndex());
    assertFalse(d.hasPictureId());
    assertEquals(-1, d.pictureId());
    assertTrue(d.isKeyframe());
    assertTrue(Vp8PayloadDescriptor.isKeyframe(p, 0, p.length));
  }

  @Test
  void interFrameHasPBitSet() {
    byte[] p = hex("10 11 02 00");
    assertFalse(Vp8PayloadDescriptor.isKeyframe(p, 0, p.length));
  }

  @Test
  void continuationAndOtherPartitionsAreNeverKeyframes() {
    assertFalse(Vp8PayloadDescriptor.isKeyframe(hex("00 10 00"), 0, 3), "S=0");
    assertFalse(Vp8PayloadDescriptor.isKeyframe(hex("11 10 00"), 0, 3), "PID=1");
    assertFalse(Vp8PayloadDescriptor.isKeyframe(hex("10"), 0, 1), "no payload header");
  }

  @Test
  void allExtensionsWithLongPictureId() {
    // X=1 S=1; I L T K; M=1 PictureID 0x1234; TL0PICIDX 0x56; TID=2 Y=1 KEYIDX=3; key frame
    byte[] p = hex("90 f0 92 34 56 a3 10");
    var d = new Vp8PayloadDescriptor();
    assertTrue(d.wrap(p, 0, p.length));
    assertEquals(6, d.length());
    assertTrue(d.hasLongPictureId());
    assertEquals(0x1234, d.pictureId());
    assertEquals(0x56, d.tl0PicIdx());
    assertEquals(2, d.temporalLayer());
    assertTrue(d.isKeyframe());

    assertTrue(d.setPictureId(0x7FFF + 3)); // wraps at 2^15
    assertTrue(d.setTl0PicIdx(0x1FF));
    assertEquals(2, d.pictureId());
    assertEquals(0xFF, d.tl0PicIdx());
    assertEquals("90f0800 2ffa310".replace(" ", ""), HexFormat.of().formatHex(p));
  }

  @Test
  void shortPictureIdKeepsItsForm() {
    byte[] p = hex("90 80 7f 10");
    var d = new Vp8PayloadDescriptor();
    assertTrue(d.wrap(p, 0, p.length));
    assertFalse(d.hasLongPictureId());
    assertEquals(127, d.pictureId());
    d.setPictureId(128);
    assertEquals(0, d.pictureId());
    assertEquals(0x00, p[2]);
    assertFalse(d.hasTl0PicIdx());
    assertFalse(d.setTl0PicIdx(1));
  }

  @Test
  void truncatedDescriptorsAreRefused() {
    var d = new Vp8PayloadDescriptor();
    for (String s : new String[] {"80", "90 80", "90 80 80", "90 40", "90 20", "90 f0 92 34 56"}) {
      byte[] p = hex(s);
      assertFalse(d.wrap(p, 0, p.length), s);
      assertFalse(Vp8PayloadDescriptor.isKeyframe(p, 0, p.length), s);
    }
    assertFalse(d.wrap(null, 0, 0));
    assertFalse(d.wrap(new byte[4], 3, 2));
  }
}
