package dev.chorus.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The one clock every service reads, so tests and tools can reason about time. */
@ApplicationScoped
public class ClockProducer {
  // Dependent scope: a proxy of java.time.Clock would buy nothing and Clock is immutable.
  @Produces
  Clock clock() {
    return Clock.systemUTC();
  }
}
