package dev.chorus.signaling.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A payload type of an RTP m-section with everything the SDP says about it: its {@code rtpmap} (or
 * the RFC 3551 static assignment), its {@code fmtp} parameters and its {@code rtcp-fb} lines. A
 * query view built by {@link MediaDescription#codecs()}; not a line of its own.
 *
 * @param parameters fmtp parameters in order (see {@link Fmtp#parameterMap()}), empty if none
 * @param feedback the rtcp-fb lines for this payload type, including {@code *} ones
 */
public record Codec(
    int payloadType,
    String name,
    int clockRate,
    int channels,
    Map<String, String> parameters,
    List<RtcpFeedback> feedback) {

  public Codec {
    Grammar.requireVisible(name, "codec name");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    feedback = List.copyOf(feedback);
  }

  /** RFC 4588 retransmission format. */
  public boolean isRtx() {
    return name.equalsIgnoreCase("rtx");
  }

  /** For an RTX format: the payload type it repairs ({@code apt}, RFC 4588). */
  public OptionalInt associatedPayloadType() {
    return Fmtp.apt(parameters);
  }

  /** Whether there is an {@code rtcp-fb} of this kind, e.g. {@code hasFeedback("nack", "pli")}. */
  public boolean hasFeedback(String type, String parameter) {
    return feedback.stream()
        .anyMatch(
            f ->
                f.type().equals(type)
                    && (parameter == null
                        ? f.parameter() == null
                        : parameter.equals(f.parameter())));
  }

  /** RFC 3551 §6 static payload types browsers may list without an rtpmap line. */
  static Codec staticPayloadType(int pt) {
    return switch (pt) {
      case 0 -> basic(pt, "PCMU", 8000);
      case 3 -> basic(pt, "GSM", 8000);
      case 4 -> basic(pt, "G723", 8000);
      case 8 -> basic(pt, "PCMA", 8000);
      case 9 -> basic(pt, "G722", 8000);
      case 13 -> basic(pt, "CN", 8000);
      case 18 -> basic(pt, "G729", 8000);
      case 26 -> basic(pt, "JPEG", 90000);
      case 31 -> basic(pt, "H261", 90000);
      case 34 -> basic(pt, "H263", 90000);
      default -> null;
    };
  }

  private static Codec basic(int pt, String name, int clock) {
    return new Codec(pt, name, clock, 1, Map.of(), List.of());
  }
}
