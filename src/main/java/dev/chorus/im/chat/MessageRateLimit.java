package dev.chorus.im.chat;

import dev.chorus.im.common.ThrottledException;
import dev.chorus.im.common.TokenBuckets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One send budget per user, shared by direct messages and room messages: a token bucket of {@code
 * chorus.chat.burst} messages refilled at {@code chorus.chat.per-second}.
 */
@ApplicationScoped
public class MessageRateLimit {
  /** Senders tracked at once; far more than send within one refill time on one server. */
  static final int MAX_SENDERS = 100_000;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "chorus.chat.burst", defaultValue = "20")
  int burst;

  @Inject
  @ConfigProperty(name = "chorus.chat.per-second", defaultValue = "5")
  double perSecond;

  private TokenBuckets buckets;

  @PostConstruct
  void init() {
    buckets = new TokenBuckets(burst, perSecond, MAX_SENDERS, clock);
  }

  /**
   * Takes one message from the sender's budget.
   *
   * @throws ThrottledException when it is spent
   */
  public void acquire(String senderId) {
    var wait = buckets.tryTake(senderId);
    if (wait.isPresent()) {
      throw new ThrottledException("You are sending messages too fast. Wait a moment.", wait.get());
    }
  }
}
