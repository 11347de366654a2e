package dev.chorus.im.stream;

import dev.chorus.im.account.AccountService;
import dev.chorus.im.account.Tokens;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.audit.AuditEvent;
import dev.chorus.im.common.FailureThrottle;
import dev.chorus.im.common.NotFoundException;
import dev.chorus.im.common.ThrottledException;
import dev.chorus.im.room.InTransaction;
import dev.chorus.im.room.RoomService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stream keys: a room's owner creates them (the secret is shown once, only its hash is kept), the
 * owner and the room's admins list and revoke them, and the WHIP/WHEP edge verifies them through
 * {@link StreamCredentials}. Database work runs in {@link InTransaction}; revocations and audit
 * entries are announced after it committed.
 */
@ApplicationScoped
public class StreamKeys implements StreamCredentials {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject RoomService rooms;
  @Inject AccountService accounts;
  @Inject InTransaction tx;
  @Inject Clock clock;
  @Inject Event<StreamKeyRevoked> revoked;
  @Inject Event<AuditEvent> audit;

  @Inject
  @ConfigProperty(name = "chorus.streams.key-max-failures-per-client", defaultValue = "20")
  int maxFailuresPerClient;

  @Inject
  @ConfigProperty(name = "chorus.streams.key-failure-window", defaultValue = "PT5M")
  Duration failureWindow;

  /** Wrong stream keys per client address. */
  private FailureThrottle failures;

  /** A key as its room's moderators see it: never the secret. */
  public record Key(
      String id,
      String roomId,
      String name,
      StreamGrant.Purpose purpose,
      UserRef createdBy,
      Instant createdAt,
      Instant lastUsedAt) {}

  /** A new key and its secret, which nobody can see again. */
  public record Created(Key key, String secret) {}

  @PostConstruct
  void init() {
    failures = new FailureThrottle(maxFailuresPerClient, failureWindow, clock);
  }

  /**
   * A new key for the room, by its owner.
   *
   * @throws dev.chorus.im.common.ValidationException a bad name or purpose
   * @throws NotFoundException no such room (or the caller may not see it)
   * @throws dev.chorus.im.common.ForbiddenException the caller is not the room's owner
   * @throws dev.chorus.im.common.ConflictException {@code too_many_keys}
   */
  public Created create(UserRef actor, String roomId, String name, String purpose, String address) {
    var n = StreamKeyRules.name(name);
    var p = StreamKeyRules.purpose(purpose);
    var secret = StreamKeyRules.newSecret();
    var key =
        tx.call(
            () -> {
              rooms.requireOwner(actor.id(), roomId, "create stream keys");
              StreamKeyRules.requireRoomForAnother(live(roomId));
              var k = new StreamKey(roomId, n, p, Tokens.hash(secret), actor.id(), clock.instant());
              em.persist(k);
              return k;
            });
    audit.fire(
        new AuditEvent(
            actor,
            "stream_key.created",
            "room " + roomId,
            StreamKeyRules.wire(p) + " key " + key.id() + " '" + n + "'",
            address));
    return new Created(view(key, actor), secret);
  }

  /**
   * The room's keys that are not revoked, oldest first, for its owner and admins.
   *
   * @throws NotFoundException no such room
   * @throws dev.chorus.im.common.ForbiddenException the caller does not moderate the room
   */
  public List<Key> list(UserRef actor, String roomId) {
    return tx.call(
        () -> {
          rooms.requireModerator(actor.id(), roomId, "see the stream keys");
          return em.createQuery(
                  "select k from StreamKey k where k.roomId = :r and k.revokedAt is null"
                      + " order by k.createdAt, k.id",
                  StreamKey.class)
              .setParameter("r", roomId)
              .getResultStream()
              .map(k -> view(k, null))
              .toList();
        });
  }

  /**
   * Revokes a key at once, by the room's owner or an admin; streams using it end.
   *
   * @throws NotFoundException no such room, or no such live key in it
   * @throws dev.chorus.im.common.ForbiddenException the caller does not moderate the room
   */
  public void revoke(UserRef actor, String roomId, String keyId, String address) {
    var name =
        tx.call(
            () -> {
              rooms.requireModerator(actor.id(), roomId, "revoke stream keys");
              var key = keyId == null ? null : em.find(StreamKey.class, keyId);
              if (key == null || !key.roomId().equals(roomId) || key.isRevoked()) {
                throw new NotFoundException("There is no such stream key in this room.");
              }
              key.revoke(clock.instant());
              return key.name();
            });
    revoked.fire(new StreamKeyRevoked(keyId, roomId));
    audit.fire(
        new AuditEvent(
            actor,
            "stream_key.revoked",
            "room " + roomId,
            "key " + keyId + " '" + name + "'",
            address));
  }

  /**
   * The grant of a well-formed, known, live key whose creator's account is still enabled; empty
   * otherwise, and the failure counts against the address.
   *
   * @throws ThrottledException after too many wrong keys from this address lately
   */
  @Override
  public Optional<StreamGrant> verify(String secret, String address) {
    var client = "c:" + address;
    var wait = failures.blockedFor(client);
    if (wait.isPresent()) {
      throw new ThrottledException(
          "Too many wrong stream keys. Try again in "
              + ThrottledException.seconds(wait.get())
              + " seconds.",
          wait.get());
    }
    var outcome =
        StreamKeyRules.looksValid(secret) ? tx.call(() -> check(secret)) : Outcome.MALFORMED;
    if (outcome.grant() != null) {
      return Optional.of(outcome.grant());
    }
    failures.recordFailure(client);
    audit.fire(
        new AuditEvent(
            null,
            "stream_key.rejected",
            outcome.roomId() == null ? null : "room " + outcome.roomId(),
            outcome.why(),
            address));
    return Optional.empty();
  }

  /** What a presented secret turned out to be. */
  private record Outcome(StreamGrant grant, String roomId, String why) {
    static final Outcome MALFORMED = new Outcome(null, null, "not a stream key");
  }

  private Outcome check(String secret) {
    var found =
        em.createQuery("select k from StreamKey k where k.tokenHash = :h", StreamKey.class)
            .setParameter("h", Tokens.hash(secret))
            .getResultStream()
            .findFirst();
    if (found.isEmpty()) {
      return new Outcome(null, null, "unknown key");
    }
    var key = found.get();
    if (key.isRevoked()) {
      return new Outcome(null, key.roomId(), "revoked key " + key.id());
    }
    if (accounts.findById(key.createdBy()).filter(a -> !a.isDisabled()).isEmpty()) {
      return new Outcome(null, key.roomId(), "key " + key.id() + " of a disabled account");
    }
    key.touch(clock.instant(), StreamKeyRules.TOUCH_EVERY);
    return new Outcome(key.grant(), key.roomId(), null);
  }

  private long live(String roomId) {
    return em.createQuery(
            "select count(k) from StreamKey k where k.roomId = :r and k.revokedAt is null",
            Long.class)
        .setParameter("r", roomId)
        .getSingleResult();
  }

  private Key view(StreamKey k, UserRef creator) {
    var by =
        creator != null ? creator : accounts.findById(k.createdBy()).map(UserRef::of).orElse(null);
    return new Key(
        k.id(), k.roomId(), k.name(), k.purpose(), by, k.createdAt(), k.lastUsedAt().orElse(null));
  }
}
