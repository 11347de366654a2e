package dev.chorus.media.srtp;

import java.util.EnumMap;
import java.util.Map;

/**
 * The outcome of one SRTP/SRTCP operation: {@link SrtpStatus#OK} with the packet's new length (its
 * offset never changes), or a failure status with length {@code -1}.
 *
 * <p>Failures are shared instances, so rejecting garbage allocates nothing.
 */
public record SrtpResult(SrtpStatus status, int length) {

  private static final Map<SrtpStatus, SrtpResult> FAILURES = new EnumMap<>(SrtpStatus.class);

  static {
    for (SrtpStatus status : SrtpStatus.values()) {
      if (status != SrtpStatus.OK) {
        FAILURES.put(status, new SrtpResult(status, -1));
      }
    }
  }

  /** Checks that only OK carries a length. */
  public SrtpResult {
    if (status == null) {
      throw new IllegalArgumentException("status");
    }
    if ((status == SrtpStatus.OK) != (length >= 0)) {
      throw new IllegalArgumentException(status + " with length " + length);
    }
  }

  /** A success whose packet is now {@code length} bytes long. */
  public static SrtpResult ok(int length) {
    return new SrtpResult(SrtpStatus.OK, length);
  }

  /** The shared failure result for {@code status}, which must not be OK. */
  public static SrtpResult failure(SrtpStatus status) {
    SrtpResult result = FAILURES.get(status);
    if (result == null) {
      throw new IllegalArgumentException("not a failure: " + status);
    }
    return result;
  }

  /** True if the packet was transformed. */
  public boolean isOk() {
    return status == SrtpStatus.OK;
  }
}
