package dev.chorus.im.chat;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** One send budget per user, shared by direct messages and room messages. */
@ApplicationScoped
public class MessageRateLimit {
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "chorus.chat.burst", defaultValue = "20")
  int burst;

  @Inject
  @ConfigProperty(name = "chorus.chat.per-second", defaultValue = "5")
  double perSecond;

  private SendRateLimiter limiter;

  @PostConstruct
  void init() {
    limiter = new SendRateLimiter(burst, perSecond, clock);
  }

  /**
   * Takes one message from the sender's budget.
   *
   * @throws dev.chorus.im.common.ThrottledException when it is spent
   */
  public void acquire(String senderId) {
    limiter.acquire(senderId);
  }
}
