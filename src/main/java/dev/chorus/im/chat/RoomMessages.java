package dev.chorus.im.chat;

import dev.chorus.im.account.Account;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * Messages of rooms, stored like direct messages under the conversation key {@code room:<id>}. Who
 * may read and write is decided by the room layer before it calls in here.
 */
@ApplicationScoped
public class RoomMessages {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject Clock clock;
  @Inject MessageRateLimit limiter;
  @Inject SentMessages sent;

  /** One page of history, newest first. */
  public record Page(List<RoomMessage> items, Optional<Long> nextCursor, long readUpTo) {}

  static String keyOf(String roomId) {
    return "room:" + roomId;
  }

  /**
   * Stores a message; a repeated {@code clientMessageId} returns the first one stored.
   *
   * @throws ValidationException bad text or client id
   * @throws dev.chorus.im.common.ThrottledException sending too fast
   */
  @Transactional
  public RoomMessage send(String roomId, UserRef sender, String text, String clientMessageId) {
    ChatRules.text(text);
    ChatRules.clientMessageId(clientMessageId);
    if (clientMessageId != null) {
      var earlier =
          em.createQuery(
                  "select m from Message m where m.senderId = :s and m.clientMessageId = :c",
                  Message.class)
              .setParameter("s", sender.id())
              .setParameter("c", clientMessageId)
              .getResultStream()
              .findFirst();
      if (earlier.isPresent()) {
        return view(earlier.get(), roomId, sender);
      }
    }
    limiter.acquire(sender.id());
    var message =
        new Message(keyOf(roomId), sender.id(), null, text, clock.instant(), clientMessageId);
    em.persist(message);
    sent.stored();
    marker(roomId, sender.id()).advanceTo(message.id());
    return view(message, roomId, sender);
  }

  public Page history(String roomId, String readerId, Long before, Integer limit) {
    int size = limit == null ? ChatService.DEFAULT_PAGE : limit;
    if (size < 1 || size > ChatService.MAX_PAGE) {
      throw new ValidationException(
          "limit", "limit must be between 1 and " + ChatService.MAX_PAGE + ".");
    }
    if (before != null && before < 1) {
      throw new ValidationException("before", "before must be a message id.");
    }
    var rows =
        em.createQuery(
                "select m from Message m where m.conversationKey = :k and m.id < :before order by m.id desc",
                Message.class)
            .setParameter("k", keyOf(roomId))
            .setParameter("before", before == null ? Long.MAX_VALUE : before)
            .setMaxResults(size + 1)
            .getResultList();
    var page = rows.size() > size ? rows.subList(0, size) : rows;
    var senders = new HashMap<String, UserRef>();
    var items =
        page.stream()
            .map(
                m ->
                    view(
                        m,
                        roomId,
                        senders.computeIfAbsent(
                            m.senderId(), id -> UserRef.of(em.find(Account.class, id)))))
            .toList();
    var next = rows.size() > size ? Optional.of(page.get(size - 1).id()) : Optional.<Long>empty();
    return new Page(items, next, readUpTo(roomId, readerId));
  }

  /** Messages by others after the reader's marker. */
  public long unread(String roomId, String readerId) {
    return em.createQuery(
            "select count(m) from Message m where m.conversationKey = :k and m.id > :r and m.senderId <> :me",
            Long.class)
        .setParameter("k", keyOf(roomId))
        .setParameter("r", readUpTo(roomId, readerId))
        .setParameter("me", readerId)
        .getSingleResult();
  }

  /** Moves the reader's marker forward (capped at the newest message); the new value if moved. */
  @Transactional
  public Optional<Long> markRead(String roomId, String readerId, long upTo) {
    var newest =
        em.createQuery("select max(m.id) from Message m where m.conversationKey = :k", Long.class)
            .setParameter("k", keyOf(roomId))
            .getSingleResult();
    if (newest == null) {
      return Optional.empty();
    }
    long capped = Math.min(upTo, newest);
    return marker(roomId, readerId).advanceTo(capped) ? Optional.of(capped) : Optional.empty();
  }

  /** Deletes one message of the room; false if it is not a message of this room. */
  @Transactional
  public boolean delete(String roomId, long messageId) {
    var message = em.find(Message.class, messageId);
    if (message == null || !message.conversationKey().equals(keyOf(roomId))) {
      return false;
    }
    em.remove(message);
    return true;
  }

  /** Deletes every message and read marker of a room that is being deleted. */
  @Transactional
  public void deleteAll(String roomId) {
    em.createQuery("delete from Message m where m.conversationKey = :k")
        .setParameter("k", keyOf(roomId))
        .executeUpdate();
    em.createQuery("delete from ReadMarker r where r.id like :p")
        .setParameter("p", keyOf(roomId) + "|%")
        .executeUpdate();
  }

  private long readUpTo(String roomId, String accountId) {
    var marker = em.find(ReadMarker.class, ReadMarker.idOf(keyOf(roomId), accountId));
    return marker == null ? 0 : marker.lastReadId();
  }

  private ReadMarker marker(String roomId, String accountId) {
    var id = ReadMarker.idOf(keyOf(roomId), accountId);
    var marker = em.find(ReadMarker.class, id);
    if (marker == null) {
      marker = new ReadMarker(keyOf(roomId), accountId);
      em.persist(marker);
    }
    return marker;
  }

  private static RoomMessage view(Message m, String roomId, UserRef from) {
    return new RoomMessage(m.id(), roomId, from, m.text(), m.sentAt(), m.clientMessageId());
  }
}
