package dev.chorus.admin;

import dev.chorus.config.MediaEngineProvider;
import dev.chorus.media.sfu.transport.MediaEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready for calls and rooms once the media engine runs with its UDP and ICE-TCP ports bound (or
 * media is configured off); see {@link HealthRules#mediaReady}.
 */
@Readiness
@ApplicationScoped
public class MediaReadiness implements HealthCheck {
  @Inject MediaEngineProvider media;

  @Override
  public HealthCheckResponse call() {
    var engine = media.engine();
    boolean bound = engine.map(MediaEngine::portsBound).orElse(false);
    var response =
        HealthCheckResponse.named("media-ports")
            .status(HealthRules.mediaReady(media.enabled(), engine.isPresent(), bound))
            .withData("enabled", media.enabled())
            .withData("running", engine.isPresent())
            .withData("portsBound", bound);
    engine.ifPresent(
        e -> response.withData("udpPort", e.udpPort()).withData("tcpPort", e.tcpPort()));
    return response.build();
  }
}
