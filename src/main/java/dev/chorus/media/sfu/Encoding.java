package dev.chorus.media.sfu;

/**
 * One RTP stream a publisher sends for a track: the only one, or one simulcast layer (<a
 * href="https://www.rfc-editor.org/rfc/rfc8853">RFC 8853</a>). Identified by its SSRC when the SDP
 * announces it ({@code a=ssrc}, {@code a=ssrc-group:SIM}), or by its RID ({@code a=rid}, then the
 * SSRC is learned from the first packet carrying the rtp-stream-id header extension), or by the MID
 * alone for a track with one encoding and no announced SSRC.
 *
 * @param rid the RID, or null
 * @param ssrc the media SSRC, or 0 to learn it
 * @param rtxSsrc the RTX SSRC ({@code a=ssrc-group:FID}), or 0 to learn it (repaired-rtp-stream-id,
 *     or the RTX payload type on a single-encoding track)
 */
public record Encoding(String rid, long ssrc, long rtxSsrc) {
  public Encoding {
    if (ssrc < 0 || ssrc > 0xFFFF_FFFFL || rtxSsrc < 0 || rtxSsrc > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("SSRC out of range");
    }
    if (ssrc != 0 && ssrc == rtxSsrc) {
      throw new IllegalArgumentException("RTX SSRC equals the media SSRC: " + ssrc);
    }
    if (rid != null && (rid.isEmpty() || rid.length() > 255)) {
      throw new IllegalArgumentException("bad rid: " + rid);
    }
  }

  /** An encoding announced by SSRC (and RTX SSRC, 0 if none). */
  public static Encoding ofSsrc(long ssrc, long rtxSsrc) {
    return new Encoding(null, ssrc, rtxSsrc);
  }

  /** An encoding announced by RID only. */
  public static Encoding ofRid(String rid) {
    return new Encoding(rid, 0, 0);
  }
}
