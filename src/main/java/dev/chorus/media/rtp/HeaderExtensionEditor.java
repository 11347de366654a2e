package dev.chorus.media.rtp;

import java.util.Arrays;

/**
 * In-place edits of an RFC 8285 extension block that change its layout (<a
 * href="https://www.rfc-editor.org/rfc/rfc8285#section-4">RFC 8285 §4</a>): add, resize, remove,
 * and the one-byte to two-byte switch. Works inside the packet's own buffer (the payload moves
 * right when the block grows), so it allocates nothing; everything is checked before the first byte
 * is written, so a refused edit leaves the packet as it was.
 */
final class HeaderExtensionEditor {
  private static final int MAX_ONE_BYTE_ID = 14;
  private static final int MAX_ONE_BYTE_LENGTH = 16;

  private HeaderExtensionEditor() {}

  static boolean remove(RtpPacket p, int id) {
    if (p.buffer() == null) {
      return false;
    }
    byte[] buf = p.buffer();
    HeaderExtensionCursor c = p.extensions();
    boolean found = false;
    while (c.next()) {
      if (c.id() == id) {
        Arrays.fill(buf, c.elementOffset(), c.dataOffset() + c.dataLength(), (byte) 0);
        found = true;
      }
    }
    return found;
  }

  static boolean set(RtpPacket p, int id, byte[] value, int valueOff, int n) {
    byte[] buf = p.buffer();
    if (buf == null || id < 1 || id > 255 || n < 0 || n > 255 || value == null) {
      return false;
    }
    if (valueOff < 0 || n > value.length - valueOff) {
      return false;
    }
    boolean needTwoByte = id > MAX_ONE_BYTE_ID || n == 0 || n > MAX_ONE_BYTE_LENGTH;
    if (!p.hasExtension()) {
      return insertBlock(p, id, value, valueOff, n, needTwoByte);
    }
    int profile = p.extensionProfile();
    if (!RtpPacket.isRfc8285(profile)) {
      return false;
    }
    HeaderExtensionCursor c = p.extensions();
    if (c.find(id) && c.dataLength() == n) {
      System.arraycopy(value, valueOff, buf, c.dataOffset(), n);
      return true;
    }
    boolean wasTwoByte = profile != RtpPacket.ONE_BYTE_PROFILE;
    boolean twoByte = wasTwoByte || needTwoByte;
    int targetHeader = twoByte ? 2 : 1;

    int kept = 0;
    int keptCount = 0;
    int keptSourceBytes = 0;
    c.rewind();
    while (c.next()) {
      if (c.id() != id) {
        kept += targetHeader + c.dataLength();
        keptSourceBytes += (wasTwoByte ? 2 : 1) + c.dataLength();
        keptCount++;
      }
    }
    int start = p.extensionDataOffset();
    int oldBlock = p.extensionDataLength();
    int newBlock = Math.max(oldBlock, roundUp4(kept + targetHeader + n));
    int growth = newBlock - oldBlock;
    if (newBlock / 4 > 0xFFFF || p.length() + growth > p.capacity()) {
      return false;
    }

    int packetEnd = p.offset() + p.length();
    int oldEnd = start + oldBlock;
    if (growth > 0) {
      System.arraycopy(buf, oldEnd, buf, oldEnd + growth, packetEnd - oldEnd);
    }
    int w = compact(buf, c, id, start, wasTwoByte);
    if (twoByte && !wasTwoByte) {
      w = widen(buf, start, start + newBlock, keptSourceBytes, keptCount);
      BigEndian.put16(buf, start - 4, RtpPacket.TWO_BYTE_PROFILE);
    }
    w = writeElement(buf, w, id, value, valueOff, n, twoByte);
    Arrays.fill(buf, w, start + newBlock, (byte) 0);
    BigEndian.put16(buf, start - 2, newBlock / 4);
    return p.rewrap(p.length() + growth);
  }

  /**
   * Slides every element except {@code dropId} left over padding and dropped elements (the write
   * point never passes the read point, so nothing unread is overwritten). Returns the end.
   */
  private static int compact(
      byte[] buf, HeaderExtensionCursor c, int dropId, int start, boolean twoByte) {
    int headerSize = twoByte ? 2 : 1;
    int w = start;
    c.rewind();
    while (c.next()) {
      if (c.id() == dropId) {
        continue;
      }
      int size = headerSize + c.dataLength();
      System.arraycopy(buf, c.elementOffset(), buf, w, size);
      w += size;
    }
    return w;
  }

  /**
   * Rewrites {@code count} compacted one-byte elements ({@code bytes} long, at {@code start}) in
   * the two-byte form. They are first moved to the end of the block; then each is copied forward,
   * and since the block has room for every widened element the write point stays behind the read
   * point. Returns the end of the widened elements.
   */
  private static int widen(byte[] buf, int start, int blockEnd, int bytes, int count) {
    int r = blockEnd - bytes;
    System.arraycopy(buf, start, buf, r, bytes);
    int w = start;
    for (int i = 0; i < count; i++) {
      int b = buf[r] & 0xFF;
      int elementId = b >>> 4;
      int length = (b & 0x0F) + 1;
      System.arraycopy(buf, r + 1, buf, w + 2, length);
      buf[w] = (byte) elementId;
      buf[w + 1] = (byte) length;
      r += 1 + length;
      w += 2 + length;
    }
    return w;
  }

  private static int writeElement(
      byte[] buf, int w, int id, byte[] value, int valueOff, int n, boolean twoByte) {
    if (twoByte) {
      buf[w++] = (byte) id;
      buf[w++] = (byte) n;
    } else {
      buf[w++] = (byte) ((id << 4) | (n - 1));
    }
    System.arraycopy(value, valueOff, buf, w, n);
    return w + n;
  }

  private static boolean insertBlock(
      RtpPacket p, int id, byte[] value, int valueOff, int n, boolean twoByte) {
    byte[] buf = p.buffer();
    int block = roundUp4((twoByte ? 2 : 1) + n);
    int growth = 4 + block;
    if (p.length() + growth > p.capacity()) {
      return false;
    }
    int at = p.payloadOffset();
    int packetEnd = p.offset() + p.length();
    System.arraycopy(buf, at, buf, at + growth, packetEnd - at);
    BigEndian.put16(buf, at, twoByte ? RtpPacket.TWO_BYTE_PROFILE : RtpPacket.ONE_BYTE_PROFILE);
    BigEndian.put16(buf, at + 2, block / 4);
    int w = writeElement(buf, at + 4, id, value, valueOff, n, twoByte);
    Arrays.fill(buf, w, at + growth, (byte) 0);
    buf[p.offset()] = (byte) (buf[p.offset()] | 0x10);
    return p.rewrap(p.length() + growth);
  }

  static int roundUp4(int n) {
    return (n + 3) & ~3;
  }
}
