package dev.chorus.im.room;

import dev.chorus.im.common.FailureThrottle;
import dev.chorus.im.common.ThrottledException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At most {@code chorus.rooms.max-created-per-day} rooms per account in the last 24 hours, deleted
 * ones included: the database only knows the rooms that still exist but survives a restart, the
 * in-memory count knows deleted ones, so both are asked.
 */
@ApplicationScoped
public class RoomCreationCap {
  static final Duration DAY = Duration.ofDays(1);

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "chorus.rooms.max-created-per-day", defaultValue = "20")
  int maxCreatedPerDay;

  private FailureThrottle creations;

  @PostConstruct
  void init() {
    creations = new FailureThrottle(maxCreatedPerDay, DAY, clock);
  }

  /**
   * Refuses an account that has used up its creations. In a transaction.
   *
   * @throws ThrottledException the account created {@code chorus.rooms.max-created-per-day} rooms
   *     in the last 24 hours
   */
  void require(String accountId) {
    var wait = creations.blockedFor(accountId);
    if (wait.isPresent()) {
      throw tooManyCreated(wait.get());
    }
    var now = clock.instant();
    var recent =
        em.createQuery(
                "select r.createdAt from Room r where r.ownerId = :me and r.createdAt > :since"
                    + " order by r.createdAt",
                Instant.class)
            .setParameter("me", accountId)
            .setParameter("since", now.minus(DAY))
            .getResultList();
    if (recent.size() >= maxCreatedPerDay) {
      // Creating is possible again once enough of them are older than a day.
      var freedAt = recent.get(recent.size() - maxCreatedPerDay).plus(DAY);
      throw tooManyCreated(Duration.between(now, freedAt));
    }
  }

  /** Counts a room the account created (after it committed). */
  void created(String accountId) {
    creations.recordFailure(accountId);
  }

  private ThrottledException tooManyCreated(Duration wait) {
    return new ThrottledException(
        "You have created "
            + maxCreatedPerDay
            + " rooms in the last 24 hours, the most allowed. Try again later.",
        wait);
  }
}
