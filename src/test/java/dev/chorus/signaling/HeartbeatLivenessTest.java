package dev.chorus.signaling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the liveness check reads from the heartbeat: when it last began a beat, and its task. */
class HeartbeatLivenessTest {
  @Test
  void eachBeatResetsTheTimeSinceTheLastOne() throws Exception {
    var heartbeat = new Heartbeat();
    heartbeat.interval = Duration.ofSeconds(3);
    heartbeat.authTimeout = Duration.ofSeconds(5);
    heartbeat.clock = Clock.systemUTC();
    heartbeat.connections = new Connections();
    assertFalse(heartbeat.scheduled(), "not started: no task");

    Thread.sleep(50);
    var before = heartbeat.sinceLastBeat();
    assertTrue(before.toMillis() >= 50, before.toString());
    heartbeat.beat();
    var after = heartbeat.sinceLastBeat();
    assertTrue(after.compareTo(before) < 0, after + " after a beat, " + before + " before");
  }
}
