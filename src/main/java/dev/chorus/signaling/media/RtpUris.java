package dev.chorus.signaling.media;

/**
 * The RTP header extensions room media negotiates (RFC 8285 {@code a=extmap} URIs), and the fixed
 * ids the server offers to subscribers (the numbers Chrome uses for them, one meaning per id across
 * the BUNDLE group as RFC 8843 §9.1 needs).
 */
final class RtpUris {
  /** RFC 8843 §15.2. */
  static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";

  /** RFC 8852 §3.1. */
  static final String RID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";

  /** RFC 8852 §3.2. */
  static final String REPAIRED_RID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

  /** RFC 6464. */
  static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

  /** webrtc.org abs-send-time. */
  static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

  /** draft-holmer-rmcat-transport-wide-cc-extensions-01. */
  static final String TRANSPORT_CC =
      "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

  static final int SUBSCRIBER_AUDIO_LEVEL_ID = 1;
  static final int SUBSCRIBER_ABS_SEND_TIME_ID = 2;
  static final int SUBSCRIBER_MID_ID = 4;

  private RtpUris() {}
}
