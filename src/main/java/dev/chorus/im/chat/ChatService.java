package dev.chorus.im.chat;

import dev.chorus.im.account.Account;
import dev.chorus.im.account.AccountService;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.NotFoundException;
import dev.chorus.im.common.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Direct messages: send (validate, stamp, store), history, conversations with unread counts, and
 * read markers. Callers acknowledge and deliver only after a method here has returned, that is
 * after the transaction committed.
 */
@ApplicationScoped
public class ChatService {
  public static final int DEFAULT_PAGE = 50;
  public static final int MAX_PAGE = 100;
  static final int MAX_CONVERSATIONS = 200;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject AccountService accounts;
  @Inject Clock clock;
  @Inject MessageRateLimit limiter;
  @Inject SentMessages sent;

  /** A reader's marker moved: {@code reader} has read the conversation with {@code with}. */
  public record ReadUpdate(UserRef reader, UserRef with, long upTo) {}

  /** One entry of the conversation list. */
  public record ConversationSummary(
      UserRef with, ChatMessage lastMessage, long unread, long readUpTo, long otherReadUpTo) {}

  /** One page of history, newest first. */
  public record HistoryPage(
      List<ChatMessage> items, Optional<Long> nextCursor, long readUpTo, long otherReadUpTo) {}

  /**
   * Stores a direct message from {@code sender}. A repeated {@code clientMessageId} returns the
   * message stored the first time.
   *
   * @throws ValidationException bad text, bad client id, or a message to oneself
   * @throws NotFoundException no such recipient
   * @throws dev.chorus.im.common.ThrottledException sending too fast
   */
  @Transactional
  public ChatMessage sendDirect(
      UserRef sender, String toUsername, String text, String clientMessageId) {
    ChatRules.text(text);
    ChatRules.clientMessageId(clientMessageId);
    var recipient = UserRef.of(recipient(toUsername));
    if (recipient.id().equals(sender.id())) {
      throw new ValidationException(
          ChatRules.INVALID, "to", "You cannot send a message to yourself.");
    }
    if (clientMessageId != null) {
      var earlier = findByClientId(sender.id(), clientMessageId);
      if (earlier.isPresent()) {
        return view(earlier.get(), sender, recipient);
      }
    }
    limiter.acquire(sender.id());
    var message = store(sender, recipient, text, clientMessageId, null);
    sent.stored();
    return view(message, sender, recipient);
  }

  /**
   * Records a finished, missed or refused call in the conversation of caller and callee, as a
   * message from the caller, so both see it in their history.
   */
  @Transactional
  public ChatMessage recordCall(UserRef caller, UserRef callee, CallRecord call) {
    var message = store(caller, callee, call.summary(), null, call);
    return view(message, caller, callee);
  }

  private Message store(
      UserRef sender, UserRef recipient, String text, String clientMessageId, CallRecord call) {
    var key = DirectConversation.keyOf(sender.id(), recipient.id());
    var conversation = conversation(key, sender, recipient);
    var message =
        new Message(key, sender.id(), recipient.id(), text, clock.instant(), clientMessageId);
    if (call != null) {
      message.recordCall(call);
    }
    em.persist(message);
    conversation.touch(message);
    // Whoever writes has read everything before their own message.
    marker(key, sender.id()).advanceTo(message.id());
    return message;
  }

  /**
   * Moves {@code reader}'s marker in the conversation with {@code withUsername} up to {@code upTo}
   * (capped at the newest message). Empty if nothing changed.
   */
  @Transactional
  public Optional<ReadUpdate> markRead(UserRef reader, String withUsername, long upTo) {
    var other = recipient(withUsername);
    var key = DirectConversation.keyOf(reader.id(), other.id());
    var conversation = em.find(DirectConversation.class, key);
    if (conversation == null || upTo <= 0) {
      return Optional.empty();
    }
    var capped = Math.min(upTo, conversation.lastMessageId());
    if (!marker(key, reader.id()).advanceTo(capped)) {
      return Optional.empty();
    }
    return Optional.of(new ReadUpdate(reader, UserRef.of(other), capped));
  }

  /** The caller's conversations, most recent activity first. */
  public List<ConversationSummary> conversations(UserRef me) {
    var list =
        em.createQuery(
                "select c from DirectConversation c where (c.userA = :me or c.userB = :me)"
                    + " and c.lastMessageId > 0 order by c.lastMessageAt desc",
                DirectConversation.class)
            .setParameter("me", me.id())
            .setMaxResults(MAX_CONVERSATIONS)
            .getResultList();
    var meRef = me;
    return list.stream()
        .map(
            c -> {
              var other = em.find(Account.class, c.otherThan(me.id()));
              var last = em.find(Message.class, c.lastMessageId());
              long read = readUpTo(c.key(), me.id());
              var otherRef = UserRef.of(other);
              var lastView =
                  last.senderId().equals(me.id())
                      ? view(last, meRef, otherRef)
                      : view(last, otherRef, meRef);
              return new ConversationSummary(
                  otherRef,
                  lastView,
                  unread(c.key(), me.id(), read),
                  read,
                  readUpTo(c.key(), other.id()));
            })
        .toList();
  }

  /**
   * History of the caller's conversation with {@code withUsername}: messages older than {@code
   * before} (all if null), newest first.
   */
  public HistoryPage history(UserRef me, String withUsername, Long before, Integer limit) {
    int size = limit == null ? DEFAULT_PAGE : limit;
    if (size < 1 || size > MAX_PAGE) {
      throw new ValidationException("limit", "limit must be between 1 and " + MAX_PAGE + ".");
    }
    if (before != null && before < 1) {
      throw new ValidationException("before", "before must be a message id.");
    }
    var other = recipient(withUsername);
    var key = DirectConversation.keyOf(me.id(), other.id());
    var rows =
        em.createQuery(
                "select m from Message m where m.conversationKey = :k and m.id < :before"
                    + " order by m.id desc",
                Message.class)
            .setParameter("k", key)
            .setParameter("before", before == null ? Long.MAX_VALUE : before)
            .setMaxResults(size + 1)
            .getResultList();
    var meRef = me;
    var otherRef = UserRef.of(other);
    var page = rows.size() > size ? rows.subList(0, size) : rows;
    var items =
        page.stream()
            .map(
                m ->
                    m.senderId().equals(me.id())
                        ? view(m, meRef, otherRef)
                        : view(m, otherRef, meRef))
            .toList();
    var next = rows.size() > size ? Optional.of(page.get(size - 1).id()) : Optional.<Long>empty();
    return new HistoryPage(items, next, readUpTo(key, me.id()), readUpTo(key, other.id()));
  }

  private Account recipient(String username) {
    return accounts
        .findByUsername(username)
        .orElseThrow(
            () -> new NotFoundException("unknown_user", "There is no user '" + username + "'."));
  }

  private Optional<Message> findByClientId(String senderId, String clientMessageId) {
    return em.createQuery(
            "select m from Message m where m.senderId = :s and m.clientMessageId = :c",
            Message.class)
        .setParameter("s", senderId)
        .setParameter("c", clientMessageId)
        .getResultStream()
        .findFirst();
  }

  /**
   * The conversation, created first if need be, and locked: the senders of one conversation take
   * turns, so its last message never moves backwards.
   *
   * <p>Two first messages sent at once (two tabs, or both users) must not both insert the
   * conversation: the second insert would fail its whole transaction and lose its message (on
   * PostgreSQL at once, on H2 at commit). So a first message first locks the row of the lower of
   * the two accounts, which always exists, and looks again: the loser of the race waits there for
   * the winner's commit and then finds its conversation. Portable: plain {@code SELECT ... FOR
   * UPDATE} on every database, no vendor upsert.
   */
  private DirectConversation conversation(String key, UserRef sender, UserRef recipient) {
    var conversation = em.find(DirectConversation.class, key, LockModeType.PESSIMISTIC_WRITE);
    if (conversation != null) {
      return conversation;
    }
    var first = sender.id().compareTo(recipient.id()) <= 0 ? sender.id() : recipient.id();
    if (em.find(Account.class, first, LockModeType.PESSIMISTIC_WRITE) == null) {
      throw new IllegalStateException("account " + first + " of conversation " + key + " is gone");
    }
    conversation = em.find(DirectConversation.class, key, LockModeType.PESSIMISTIC_WRITE);
    if (conversation == null) {
      conversation = new DirectConversation(key, sender.id(), recipient.id(), Instant.EPOCH);
      em.persist(conversation);
      em.persist(new ReadMarker(key, sender.id()));
      em.persist(new ReadMarker(key, recipient.id()));
      em.flush();
    }
    return conversation;
  }

  private ReadMarker marker(String key, String accountId) {
    var marker = em.find(ReadMarker.class, ReadMarker.idOf(key, accountId));
    if (marker == null) {
      marker = new ReadMarker(key, accountId);
      em.persist(marker);
    }
    return marker;
  }

  private long readUpTo(String key, String accountId) {
    var marker = em.find(ReadMarker.class, ReadMarker.idOf(key, accountId));
    return marker == null ? 0 : marker.lastReadId();
  }

  private long unread(String key, String me, long readUpTo) {
    return em.createQuery(
            "select count(m) from Message m where m.conversationKey = :k and m.id > :r"
                + " and m.senderId <> :me",
            Long.class)
        .setParameter("k", key)
        .setParameter("r", readUpTo)
        .setParameter("me", me)
        .getSingleResult();
  }

  private static ChatMessage view(Message m, UserRef from, UserRef to) {
    return new ChatMessage(m.id(), from, to, m.text(), m.sentAt(), m.clientMessageId(), m.call());
  }
}
