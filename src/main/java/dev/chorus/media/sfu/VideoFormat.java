package dev.chorus.media.sfu;

import dev.chorus.media.codec.H264Payload;
import dev.chorus.media.codec.Vp8PayloadDescriptor;

/** The payload formats whose key frames the router can recognise (needed to switch simulcast). */
enum VideoFormat {
  VP8,
  H264,
  /** Audio, and video formats the router forwards without looking inside. */
  OTHER;

  boolean isKeyframe(byte[] buf, int off, int len) {
    return switch (this) {
      case VP8 -> Vp8PayloadDescriptor.isKeyframe(buf, off, len);
      case H264 -> H264Payload.isKeyframe(buf, off, len);
      case OTHER -> false;
    };
  }
}
