package dev.chorus.media.sfu.stream;

import java.util.Locale;
import java.util.Objects;

/**
 * One negotiated payload type of a track (an SDP {@code a=rtpmap} line, <a
 * href="https://www.rfc-editor.org/rfc/rfc8866#section-6.6">RFC 8866 §6.6</a>), with its RTX
 * payload type (<a href="https://www.rfc-editor.org/rfc/rfc4588#section-8.6">RFC 4588 §8.6</a>,
 * {@code a=fmtp:<rtx> apt=<payloadType>}) if any.
 *
 * @param payloadType 0–127
 * @param mimeType e.g. {@code video/VP8}, {@code audio/opus} (case-insensitive)
 * @param clockRate RTP timestamp units per second, e.g. 90000 for video, 48000 for Opus
 * @param rtxPayloadType the associated RTX payload type, or -1 without RTX
 */
public record RtpCodec(int payloadType, String mimeType, int clockRate, int rtxPayloadType) {
  public RtpCodec {
    checkPayloadType(payloadType);
    Objects.requireNonNull(mimeType, "mimeType");
    if (clockRate <= 0) {
      throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
    }
    if (rtxPayloadType != -1) {
      checkPayloadType(rtxPayloadType);
      if (rtxPayloadType == payloadType) {
        throw new IllegalArgumentException("RTX payload type equals the media one: " + payloadType);
      }
    }
  }

  /** A codec without RTX. */
  public static RtpCodec of(int payloadType, String mimeType, int clockRate) {
    return new RtpCodec(payloadType, mimeType, clockRate, -1);
  }

  public boolean hasRtx() {
    return rtxPayloadType >= 0;
  }

  /** The payload format, for key frame detection (allocates: look it up once, not per packet). */
  public VideoFormat format() {
    return switch (mimeType.toLowerCase(Locale.ROOT)) {
      case "video/vp8" -> VideoFormat.VP8;
      case "video/h264" -> VideoFormat.H264;
      default -> VideoFormat.OTHER;
    };
  }

  private static void checkPayloadType(int pt) {
    if (pt < 0 || pt > 127) {
      throw new IllegalArgumentException("payload type out of range: " + pt);
    }
  }
}
