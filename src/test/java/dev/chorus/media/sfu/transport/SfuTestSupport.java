package dev.chorus.media.sfu.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.ice.IceConfig;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Shared settings and waiting for the sfu tests. */
public final class SfuTestSupport {
  public static final Duration CONNECT = Duration.ofSeconds(15);
  public static final Duration ECHO = Duration.ofSeconds(5);

  private SfuTestSupport() {}

  /** Ephemeral UDP port on 127.0.0.1 only, no ICE-TCP. */
  public static IceConfig loopback(Duration consentTimeout) {
    return IceConfig.of(0, 0, "127.0.0.1", null, null, consentTimeout);
  }

  public static void eventually(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean(), what);
  }
}
