package dev.chorus.admin;

import dev.chorus.config.MediaEngineProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while every media socket reader (one per UDP address, the ICE-TCP loop) runs; see {@link
 * HealthRules#mediaThreadsAlive}.
 */
@Liveness
@ApplicationScoped
public class MediaLiveness implements HealthCheck {
  @Inject MediaEngineProvider media;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("media-threads");
    var engine = media.engine();
    if (engine.isEmpty()) {
      return response.up().withData("running", false).build();
    }
    var e = engine.get();
    int running = e.readersRunning();
    int tasks = e.readerTaskCount();
    return response
        .status(HealthRules.mediaThreadsAlive(true, running, tasks))
        .withData("running", true)
        .withData("readersRunning", running)
        .withData("readerTasks", tasks)
        .withData("readerRestarts", e.readerRestarts())
        .withData("threads", e.threadCount())
        .build();
  }
}
