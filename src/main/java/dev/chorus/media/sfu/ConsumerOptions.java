package dev.chorus.media.sfu;

import dev.chorus.media.sfu.stream.HeaderExtensionIds;
import dev.chorus.media.sfu.stream.RtpCodec;
import java.util.List;
import java.util.Objects;

/**
 * How one subscriber receives a producer (one m-line of its receive transport, which the server
 * offers).
 *
 * @param mid the subscriber m-line's {@code a=mid}, written into the MID header extension if {@code
 *     extensions.mid()} is set; null to send none
 * @param extensions the header extension ids offered to the subscriber; only MID, audio level and
 *     abs-send-time are used (RID and transport-cc are never sent to subscribers)
 * @param codecs the payload types offered to the subscriber, matched to the producer's by MIME type
 *     and clock rate; empty to use the producer's own numbers
 * @param rtx whether the subscriber negotiated RTX: then it gets an RTX SSRC and retransmissions in
 *     RTX packets (RFC 4588), else plain retransmissions
 * @param paused start paused (recommended until the subscriber has applied the SDP, so that the
 *     first key frame is not lost); {@link Consumer#resume()} asks for a key frame
 * @param preferredLayer the highest simulcast layer to forward, -1 for the producer's highest
 */
public record ConsumerOptions(
    String mid,
    HeaderExtensionIds extensions,
    List<RtpCodec> codecs,
    boolean rtx,
    boolean paused,
    int preferredLayer) {
  public ConsumerOptions {
    Objects.requireNonNull(extensions, "extensions");
    codecs = List.copyOf(codecs);
    if (preferredLayer < -1 || preferredLayer >= ProducerOptions.MAX_LAYERS) {
      throw new IllegalArgumentException("preferred layer out of range: " + preferredLayer);
    }
  }

  /** Defaults: no MID, no extensions, the producer's payload types, RTX, not paused. */
  public static ConsumerOptions defaults() {
    return new ConsumerOptions(null, HeaderExtensionIds.NONE, List.of(), true, false, -1);
  }

  public ConsumerOptions withMid(String newMid, HeaderExtensionIds newExtensions) {
    return new ConsumerOptions(newMid, newExtensions, codecs, rtx, paused, preferredLayer);
  }

  public ConsumerOptions withCodecs(List<RtpCodec> newCodecs) {
    return new ConsumerOptions(mid, extensions, newCodecs, rtx, paused, preferredLayer);
  }

  public ConsumerOptions withRtx(boolean enabled) {
    return new ConsumerOptions(mid, extensions, codecs, enabled, paused, preferredLayer);
  }

  public ConsumerOptions withPaused(boolean startPaused) {
    return new ConsumerOptions(mid, extensions, codecs, rtx, startPaused, preferredLayer);
  }

  public ConsumerOptions withPreferredLayer(int layer) {
    return new ConsumerOptions(mid, extensions, codecs, rtx, paused, layer);
  }
}
