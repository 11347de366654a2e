package dev.chorus.media.sfu.stream;

import dev.chorus.media.codec.H264Payload;
import dev.chorus.media.codec.Vp8PayloadDescriptor;

/** The payload formats whose key frames the router can recognise (needed to switch simulcast). */
public enum VideoFormat {
  VP8,
  H264,
  /** Audio, and video formats the router forwards without looking inside. */
  OTHER;

  /** Whether the payload starts a key frame; {@code vp8} is the caller's reusable view. */
  public boolean isKeyframe(byte[] buf, int off, int len, Vp8PayloadDescriptor vp8) {
    return switch (this) {
      case VP8 -> vp8.wrap(buf, off, len) && vp8.isKeyframe();
      case H264 -> H264Payload.isKeyframe(buf, off, len);
      case OTHER -> false;
    };
  }
}
