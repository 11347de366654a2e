package dev.chorus.media.codec;

/**
 * Key frame detection in H.264 RTP payloads (<a
 * href="https://www.rfc-editor.org/rfc/rfc6184#section-5.2">RFC 6184 §5.2</a>): a single NAL unit
 * packet (types 1–23), an aggregation packet STAP-A (type 24, <a
 * href="https://www.rfc-editor.org/rfc/rfc6184#section-5.7.1">§5.7.1</a>), or the first fragment of
 * an FU-A (type 28, <a href="https://www.rfc-editor.org/rfc/rfc6184#section-5.8">§5.8</a>). A key
 * frame is one that carries an IDR slice (NAL type 5) or a sequence parameter set (type 7), which
 * encoders send right before an IDR.
 */
public final class H264Payload {
  static final int IDR = 5;
  static final int SPS = 7;
  static final int STAP_A = 24;
  static final int FU_A = 28;

  private H264Payload() {}

  /** True if the payload starts an H.264 key frame; false for anything else or garbage. */
  public static boolean isKeyframe(byte[] buf, int off, int len) {
    if (buf == null || off < 0 || len < 1 || len > buf.length - off) {
      return false;
    }
    int type = buf[off] & 0x1F;
    if (type == IDR || type == SPS) {
      return true;
    }
    if (type == STAP_A) {
      int at = off + 1;
      int end = off + len;
      while (at + 2 < end) {
        int size = ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
        if (size == 0 || at + 2 + size > end) {
          return false;
        }
        int inner = buf[at + 2] & 0x1F;
        if (inner == IDR || inner == SPS) {
          return true;
        }
        at += 2 + size;
      }
      return false;
    }
    if (type == FU_A && len >= 2) {
      int header = buf[off + 1] & 0xFF;
      int inner = header & 0x1F;
      return (header & 0x80) != 0 && (inner == IDR || inner == SPS);
    }
    return false;
  }
}
