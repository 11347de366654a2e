package dev.chorus.im.chat;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many chat messages (direct and room) were stored since the application started: the figure
 * the metrics read. Kept here, not in the metrics code, so the domain depends on no metrics
 * library. Counted when the message is persisted, inside the sending transaction: a commit failing
 * after that (rare) would still be counted.
 */
@ApplicationScoped
public class SentMessages {
  private final LongAdder count = new LongAdder();

  void stored() {
    count.increment();
  }

  /** Messages stored since start. */
  public long count() {
    return count.sum();
  }
}
