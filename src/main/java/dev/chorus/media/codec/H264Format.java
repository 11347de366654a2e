package dev.chorus.media.codec;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The H.264 format parameters a router can forward to every browser (<a
 * href="https://www.rfc-editor.org/rfc/rfc6184#section-8.1">RFC 6184 §8.1</a>): {@code
 * packetization-mode=1} (non-interleaved: single NAL units, STAP-A, FU-A — what browsers send) and
 * a {@code profile-level-id} whose profile is Constrained Baseline, the one profile every WebRTC
 * endpoint must decode (<a href="https://www.rfc-editor.org/rfc/rfc7742#section-6.2">RFC 7742
 * §6.2</a>).
 *
 * @param profileIdc the first byte of {@code profile-level-id}
 * @param profileIop the constraint_set flags byte
 * @param levelIdc the level, e.g. 0x1f for 3.1
 */
public record H264Format(int profileIdc, int profileIop, int levelIdc) {
  /** The fmtp every subscriber is offered: Constrained Baseline level 3.1, any level allowed. */
  public static final String SUBSCRIBER_FMTP =
      "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f";

  /** RFC 6184 §8.1: without {@code profile-level-id} the stream is Baseline level 1.0. */
  private static final String DEFAULT_PROFILE_LEVEL_ID = "420010";

  private static final int CONSTRAINT_SET0 = 0x80;
  private static final int CONSTRAINT_SET1 = 0x40;
  private static final int BASELINE = 0x42;
  private static final int MAIN = 0x4D;
  private static final int EXTENDED = 0x58;

  /** Parses a {@code profile-level-id} (six hex digits); empty if malformed. */
  public static Optional<H264Format> ofProfileLevelId(String hex) {
    if (hex == null || hex.length() != 6) {
      return Optional.empty();
    }
    try {
      byte[] b = HexFormat.of().parseHex(hex);
      return Optional.of(new H264Format(b[0] & 0xFF, b[1] & 0xFF, b[2] & 0xFF));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether fmtp parameters (names as written, values as strings) describe a stream the router
   * forwards: packetization mode 1 and a Constrained Baseline profile.
   */
  public static boolean isForwardable(Map<String, String> fmtp) {
    if (!parameter(fmtp, "packetization-mode", "0").equals("1")) {
      return false;
    }
    return ofProfileLevelId(parameter(fmtp, "profile-level-id", DEFAULT_PROFILE_LEVEL_ID))
        .map(H264Format::isConstrainedBaseline)
        .orElse(false);
  }

  /** Parameter names are case-insensitive (RFC 6184 §8.1 follows RFC 4855 §3). */
  private static String parameter(Map<String, String> fmtp, String name, String absent) {
    return fmtp.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name) && e.getValue() != null)
        .map(e -> e.getValue().trim())
        .findFirst()
        .orElse(absent);
  }

  /**
   * A bitstream of Constrained Baseline is one that obeys the Baseline and Main profiles both
   * (H.264 §A.2.1.1): Baseline with constraint_set1, Main with constraint_set0, or Extended with
   * both.
   */
  public boolean isConstrainedBaseline() {
    return switch (profileIdc) {
      case BASELINE -> (profileIop & CONSTRAINT_SET1) != 0;
      case MAIN -> (profileIop & CONSTRAINT_SET0) != 0;
      case EXTENDED ->
          (profileIop & (CONSTRAINT_SET0 | CONSTRAINT_SET1)) == (CONSTRAINT_SET0 | CONSTRAINT_SET1);
      default -> false;
    };
  }
}
