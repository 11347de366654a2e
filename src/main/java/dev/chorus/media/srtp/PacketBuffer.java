package dev.chorus.media.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * A view of the caller's array that jitsi-srtp transforms in place. It never reallocates: {@link
 * SrtpSession} checks the free space before encrypting, so needing more is a bug, not an input
 * error, and is reported by throwing (which the session turns into {@link
 * SrtpStatus#CRYPTO_ERROR}).
 */
final class PacketBuffer implements ByteArrayBuffer {
  private final byte[] buffer;
  private int offset;
  private int length;

  PacketBuffer(byte[] buffer, int offset, int length) {
    this.buffer = buffer;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public byte[] getBuffer() {
    return buffer;
  }

  @Override
  public int getOffset() {
    return offset;
  }

  @Override
  public int getLength() {
    return length;
  }

  @Override
  public void setLength(int length) {
    if (length < 0 || offset + length > buffer.length) {
      throw new IllegalArgumentException("length " + length);
    }
    this.length = length;
  }

  @Override
  public void setOffset(int offset) {
    if (offset < 0 || offset + length > buffer.length) {
      throw new IllegalArgumentException("offset " + offset);
    }
    this.offset = offset;
  }

  @Override
  public boolean isInvalid() {
    return false;
  }

  @Override
  public void readRegionToBuff(int off, int len, byte[] out) {
    System.arraycopy(buffer, offset + off, out, 0, len);
  }

  @Override
  public void grow(int howMuch) {
    if (howMuch < 0 || buffer.length - offset - length < howMuch) {
      throw new IllegalStateException("no room to grow by " + howMuch);
    }
  }

  @Override
  public void append(byte[] data, int len) {
    grow(len);
    System.arraycopy(data, 0, buffer, offset + length, len);
    length += len;
  }

  @Override
  public void shrink(int howMuch) {
    if (howMuch < 0 || howMuch > length) {
      throw new IllegalArgumentException("shrink by " + howMuch);
    }
    length -= howMuch;
  }
}
