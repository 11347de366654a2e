package dev.chorus.signaling;

import dev.chorus.im.presence.PresenceService;
import dev.chorus.im.session.SessionRevoked;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every open socket: those still waiting for their {@code auth} message, and the authenticated ones
 * by account. The one place that knows which tabs a user has open, and that enforces the socket
 * caps (per user, and for unauthenticated sockets overall). Registering and unregistering a socket
 * also tells presence, and unregistering announces {@link SocketClosed} once, however many times it
 * is called (close handler, heartbeat, full queue).
 */
@ApplicationScoped
public class Connections {
  /** One drain per socket at most is pending: far above any socket cap. */
  private static final int MAX_PENDING_DRAINS = 1 << 16;

  private final Map<String, Set<Connection>> byAccount = new ConcurrentHashMap<>();
  private final Map<String, Connection> byId = new ConcurrentHashMap<>();
  private final Set<Connection> unauthenticated = ConcurrentHashMap.newKeySet();
  private final AtomicLong closedTooSlow = new AtomicLong();
  private final AtomicLong closedSendFailed = new AtomicLong();
  private final AtomicLong peakQueuedBytes = new AtomicLong();

  @Inject PresenceService presence;
  @Inject Event<SocketClosed> closed;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  ManagedThreadFactory threads;

  /** Threads draining the outbound queues of all sockets (see {@link SocketDrainers}). */
  @Inject
  @ConfigProperty(name = "chorus.socket.drain-threads", defaultValue = "4")
  int drainThreads;

  @Inject
  @ConfigProperty(name = "chorus.socket.outbound.max-messages", defaultValue = "1000")
  int maxMessages;

  @Inject
  @ConfigProperty(name = "chorus.socket.outbound.max-bytes", defaultValue = "4194304")
  long maxBytes;

  @Inject
  @ConfigProperty(name = "chorus.socket.send-timeout", defaultValue = "PT15S")
  Duration sendTimeout;

  @Inject
  @ConfigProperty(name = "chorus.socket.max-per-user", defaultValue = "10")
  int maxPerUser;

  @Inject
  @ConfigProperty(name = "chorus.socket.max-unauthenticated", defaultValue = "1000")
  int maxUnauthenticated;

  private OutboundQueue.Limits limits;
  private SocketDrainers drainers;

  @PostConstruct
  void init() {
    limits = new OutboundQueue.Limits(maxMessages, maxBytes, sendTimeout);
    drainers = new SocketDrainers(threads, Math.max(1, drainThreads), MAX_PENDING_DRAINS);
  }

  @PreDestroy
  void stop() {
    drainers.close();
  }

  /**
   * A new socket, not yet authenticated; empty when there are already too many of those (the caller
   * refuses it).
   */
  Optional<Connection> open(SocketPeer peer) {
    if (unauthenticated.size() >= maxUnauthenticated) {
      return Optional.empty();
    }
    var c = new Connection(peer, limits, drainers, System::nanoTime, this::unregister);
    unauthenticated.add(c);
    return Optional.of(c);
  }

  /**
   * Makes an authenticated socket one of its user's tabs; false when the user already has {@code
   * chorus.socket.max-per-user} tabs open (the caller refuses it).
   */
  boolean register(Connection c, Connection.Identity who) {
    var admitted = new boolean[1];
    byAccount.compute(
        who.user().id(),
        (id, set) -> {
          var tabs = set == null ? ConcurrentHashMap.<Connection>newKeySet() : set;
          if (tabs.size() < maxPerUser) {
            c.authenticated(who);
            tabs.add(c);
            admitted[0] = true;
          }
          return tabs.isEmpty() ? null : tabs;
        });
    if (!admitted[0]) {
      return false;
    }
    unauthenticated.remove(c);
    byId.put(c.id(), c);
    presence.connected(c.user());
    if (c.isClosing()) {
      unregister(c); // closed while it was being registered
      return false;
    }
    return true;
  }

  int maxPerUser() {
    return maxPerUser;
  }

  void unregister(Connection c) {
    unauthenticated.remove(c);
    if (!c.isAuthenticated()) {
      return;
    }
    var removed = new boolean[1];
    byAccount.computeIfPresent(
        c.accountId(),
        (id, set) -> {
          removed[0] = set.remove(c);
          return set.isEmpty() ? null : set;
        });
    if (removed[0]) {
      count(c);
      byId.remove(c.id());
      presence.disconnected(c.accountId());
      closed.fire(new SocketClosed(c));
    }
  }

  /** For the admin figures: how the closed socket ended, and how full its queue ever was. */
  private void count(Connection c) {
    peakQueuedBytes.accumulateAndGet(c.peakQueuedBytes(), Math::max);
    var end = c.queueEnd();
    if (end == OutboundQueue.End.OVERFLOW || end == OutboundQueue.End.SEND_TIMEOUT) {
      closedTooSlow.incrementAndGet();
    } else if (end == OutboundQueue.End.SEND_FAILED) {
      closedSendFailed.incrementAndGet();
    }
  }

  /** The sockets' figures for operators: counts, what waits to be sent, and the limits. */
  public record Stats(
      int open,
      int unauthenticated,
      long queuedMessages,
      long queuedBytes,
      long peakQueuedBytes,
      long closedTooSlow,
      long closedSendFailed,
      int maxMessagesPerSocket,
      long maxBytesPerSocket,
      String sendTimeout,
      int maxPerUser,
      int maxUnauthenticated) {}

  public Stats stats() {
    var open = all();
    long messages = 0;
    long bytes = 0;
    long peak = peakQueuedBytes.get();
    for (var c : open) {
      messages += c.queuedMessages();
      bytes += c.queuedBytes();
      peak = Math.max(peak, c.peakQueuedBytes());
    }
    return new Stats(
        open.size(),
        unauthenticated.size(),
        messages,
        bytes,
        peak,
        closedTooSlow.get(),
        closedSendFailed.get(),
        maxMessages,
        maxBytes,
        sendTimeout.toString(),
        maxPerUser,
        maxUnauthenticated);
  }

  /** The open tabs of one account. */
  public List<Connection> of(String accountId) {
    var set = byAccount.get(accountId);
    return set == null ? List.of() : List.copyOf(set);
  }

  /** The open tab with this socket id, if it is still open. */
  public Optional<Connection> byId(String tabId) {
    return Optional.ofNullable(byId.get(tabId));
  }

  /**
   * Queues {@code message} on each of these tabs that is open and passes {@code filter}; the
   * message is serialized once, however many tabs get it (a room of 1,000, everyone online).
   */
  public void toTabs(Collection<String> tabIds, Predicate<Connection> filter, JsonObject message) {
    eachTab(tabIds, filter, message, Connection::sendText);
  }

  /** {@link #toTabs(Collection, Predicate, JsonObject)} to every one of these tabs. */
  public void toTabs(Collection<String> tabIds, JsonObject message) {
    toTabs(tabIds, c -> true, message);
  }

  /**
   * Queues a state (a count, a status) on each of these tabs under {@code key}: where an older
   * state under the same key still waits, the new one replaces it ({@link Connection#sendLatest}).
   */
  public void stateToTabs(Collection<String> tabIds, String key, JsonObject state) {
    eachTab(tabIds, c -> true, state, (c, text) -> c.sendLatest(key, text));
  }

  /** Serializes {@code json} once, at the first tab that is open and passes {@code filter}. */
  private void eachTab(
      Collection<String> tabIds,
      Predicate<Connection> filter,
      JsonObject json,
      BiConsumer<Connection, String> queue) {
    String text = null;
    for (var id : tabIds) {
      var c = byId.get(id);
      if (c != null && filter.test(c)) {
        if (text == null) {
          text = json.toString();
        }
        queue.accept(c, text);
      }
    }
  }

  /** Every open, authenticated socket. */
  public List<Connection> all() {
    return byAccount.values().stream().flatMap(Set::stream).toList();
  }

  /** Sockets still waiting for their {@code auth} message. */
  List<Connection> unauthenticated() {
    return List.copyOf(unauthenticated);
  }

  /** Sends to every tab of the account, except {@code skip} (may be null). */
  public void sendTo(String accountId, JsonObject message, Connection skip) {
    String text = null;
    for (var c : of(accountId)) {
      if (c != skip) {
        if (text == null) {
          text = message.toString();
        }
        c.sendText(text);
      }
    }
  }

  /**
   * Closes every socket of the account at once (1008 with {@code reason}, which the page shows);
   * returns how many were open. The pages take 1008 as "log in again"; the session itself is not
   * revoked (the caller revokes it, or disables the account, to keep the user out).
   */
  public int disconnect(String accountId, String reason) {
    var tabs = of(accountId);
    for (var c : tabs) {
      c.close(Connection.POLICY, reason);
    }
    return tabs.size();
  }

  /** Logging out closes that session's sockets at once, not at their next message. */
  void onRevoked(@ObservesAsync SessionRevoked event) {
    for (var c : of(event.accountId())) {
      if (c.tokenHash().equals(event.tokenHash())) {
        c.close(Connection.POLICY, "logged out");
      }
    }
  }
}
