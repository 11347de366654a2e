package dev.chorus.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthRulesTest {
  private static final Duration BEAT = Duration.ofSeconds(3);

  @Test
  void theHeartbeatIsAliveWithinTheMissedIntervals() {
    assertTrue(HealthRules.heartbeatAlive(true, Duration.ofSeconds(1), BEAT, 3));
    assertTrue(HealthRules.heartbeatAlive(true, Duration.ofSeconds(9), BEAT, 3));
    assertFalse(HealthRules.heartbeatAlive(true, Duration.ofMillis(9001), BEAT, 3));
    assertFalse(HealthRules.heartbeatAlive(false, Duration.ZERO, BEAT, 3), "cancelled task");
    assertFalse(HealthRules.heartbeatAlive(true, Duration.ofSeconds(4), BEAT, 0), "at least 1");
  }

  @Test
  void mediaThreadsAreDeadOnlyWhenARunningEngineLostAReader() {
    assertTrue(HealthRules.mediaThreadsAlive(true, 3, 3));
    assertFalse(HealthRules.mediaThreadsAlive(true, 2, 3));
    assertTrue(HealthRules.mediaThreadsAlive(false, 0, 0), "off or failed: readiness tells");
  }

  @Test
  void mediaIsReadyWhenOffOrRunningWithEveryPortBound() {
    assertTrue(HealthRules.mediaReady(false, false, false));
    assertTrue(HealthRules.mediaReady(true, true, true));
    assertFalse(HealthRules.mediaReady(true, true, false));
    assertFalse(HealthRules.mediaReady(true, false, false), "enabled but failed to start");
  }
}
