package dev.chorus.im.room;

import dev.chorus.im.account.PasswordHasher;
import dev.chorus.im.common.FailureThrottle;
import dev.chorus.im.common.ForbiddenException;
import dev.chorus.im.common.ThrottledException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks a room's password for someone who is not yet a member. Wrong passwords are throttled per
 * user and room, and per room (many accounts guessing one room); a throttled try is refused without
 * checking the password, so guessing costs no Argon2.
 */
@ApplicationScoped
public class RoomPasswordGate {
  @Inject PasswordHasher hasher;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "chorus.rooms.password.max-failures-per-user", defaultValue = "5")
  int maxFailuresPerUser;

  @Inject
  @ConfigProperty(name = "chorus.rooms.password.max-failures-per-room", defaultValue = "30")
  int maxFailuresPerRoom;

  @Inject
  @ConfigProperty(name = "chorus.rooms.password.failure-window", defaultValue = "PT5M")
  Duration failureWindow;

  private FailureThrottle byUser;
  private FailureThrottle byRoom;

  @PostConstruct
  void init() {
    byUser = new FailureThrottle(maxFailuresPerUser, failureWindow, clock);
    byRoom = new FailureThrottle(maxFailuresPerRoom, failureWindow, clock);
  }

  /**
   * Lets the account through if {@code password} matches the room's {@code hash}. Outside any
   * transaction (it may hash).
   *
   * @throws ThrottledException too many wrong passwords lately
   * @throws ForbiddenException {@code wrong_password}, also when none was given
   */
  void check(String accountId, String roomId, String password, String hash) {
    if (password == null) {
      throw new ForbiddenException("wrong_password", "This room has a password.");
    }
    var userKey = accountId + "|" + roomId;
    var wait = byUser.blockedFor(userKey).or(() -> byRoom.blockedFor(roomId));
    if (wait.isPresent()) {
      throw new ThrottledException(
          "Too many wrong passwords for this room. Try again in "
              + ThrottledException.seconds(wait.get())
              + " seconds.",
          wait.get());
    }
    if (!hasher.verify(password, hash)) {
      byUser.recordFailure(userKey);
      byRoom.recordFailure(roomId);
      throw new ForbiddenException("wrong_password", "Wrong room password.");
    }
    byUser.reset(userKey);
  }
}
