package dev.chorus.im.presence;

import dev.chorus.im.account.UserRef;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's presence: a {@link PresenceTracker} announcing changes as CDI events.
 *
 * <p>Events are fired synchronously, unlike the rest of {@code im}: an "online" and an "offline"
 * fired asynchronously may be observed in either order, and the last one must win.
 */
@ApplicationScoped
public class PresenceService {
  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject Event<PresenceChanged> changes;

  @Inject
  @ConfigProperty(name = "chorus.presence.offline-grace", defaultValue = "PT2S")
  Duration grace;

  private PresenceTracker tracker;

  @PostConstruct
  void init() {
    tracker = new PresenceTracker(grace, scheduler, changes::fire);
  }

  public void connected(UserRef user) {
    tracker.connected(user);
  }

  public void disconnected(String accountId) {
    tracker.disconnected(accountId);
  }

  public boolean setStatus(String accountId, PresenceStatus status) {
    return tracker.setStatus(accountId, status);
  }

  public PresenceStatus status(String accountId) {
    return tracker.status(accountId);
  }

  public List<OnlineUser> online() {
    return tracker.online();
  }
}
