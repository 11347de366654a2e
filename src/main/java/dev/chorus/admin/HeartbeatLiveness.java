package dev.chorus.admin;

import dev.chorus.signaling.Heartbeat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the socket heartbeat runs: DOWN once it has not begun a beat for {@code
 * chorus.health.heartbeat-missed} (3) intervals. Without it no idle socket is pinged or closed and
 * no expired session is cut off, so a restart is the cure.
 */
@Liveness
@ApplicationScoped
public class HeartbeatLiveness implements HealthCheck {
  @Inject Heartbeat heartbeat;

  @Inject
  @ConfigProperty(name = "chorus.health.heartbeat-missed", defaultValue = "3")
  int missed;

  @Override
  public HealthCheckResponse call() {
    var since = heartbeat.sinceLastBeat();
    var interval = heartbeat.interval();
    boolean scheduled = heartbeat.scheduled();
    return HealthCheckResponse.named("heartbeat")
        .status(HealthRules.heartbeatAlive(scheduled, since, interval, missed))
        .withData("scheduled", scheduled)
        .withData("sinceLastBeatMillis", since.toMillis())
        .withData("intervalMillis", interval.toMillis())
        .build();
  }
}
