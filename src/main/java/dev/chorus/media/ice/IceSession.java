package dev.chorus.media.ice;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of ICE for one WebRTC transport: an ICE-lite agent (<a
 * href="https://www.rfc-editor.org/rfc/rfc8445#section-2.5">RFC 8445 §2.5</a>) on the shared
 * sockets of its {@link IceEndpoint}. It sends no checks of its own: it answers the browser's
 * (§7.3), learns the browser's addresses from them (peer-reflexive, §7.3.1.3, which is how ICE-TCP
 * peers and browsers hiding behind mDNS always appear), and uses the pair the browser, always the
 * controlling side, nominates with USE-CANDIDATE (§7.3.1.5).
 *
 * <p>Typical use: {@link #localCredentials()} and {@link #localCandidates()} go into the SDP (with
 * {@code a=ice-lite}); {@link #setDatagramHandler} before anything can arrive; the peer's {@code
 * ice-ufrag}/{@code ice-pwd} to {@link #setRemoteCredentials}; then {@link #start()}. Once {@link
 * IceSessionState#CONNECTED}, {@link #send} carries datagrams over the selected pair, and what the
 * peer sends from a validated address reaches the handler on the endpoint's reader thread.
 *
 * <p>Nomination: the first nominated pair connects the session; a later USE-CANDIDATE on another
 * valid pair switches to it (the browser changed its mind, e.g. from TCP to UDP). Checks that
 * arrive before {@link #start()} (the browser got our SDP before we got its answer) are answered
 * and remembered; {@link #start()} then connects at once.
 *
 * <p>Ownership: a remote address (or ICE-TCP connection) that a live session holds is never handed
 * to another session; a check for another session from there gets no answer. A session keeps at
 * most {@link #MAX_PATHS} valid paths, forgetting the oldest unselected one to make room.
 *
 * <p>Liveness (<a href="https://www.rfc-editor.org/rfc/rfc7675#section-5.1">RFC 7675 §5.1</a>
 * consent is driven by the browser, which checks every ~5 s): only a valid, authenticated check on
 * the selected pair refreshes the session; data does not, because anyone can send a datagram from a
 * spoofed source. The endpoint's watchdog fails the session when no such check came for {@link
 * IceConfig#consentTimeout()}, or when it did not connect within that time.
 *
 * <p>Once connected, the selected pair changes at most once per {@link #MIN_SWITCH_INTERVAL}: a
 * nomination that comes sooner is answered but not followed. Browsers repeat USE-CANDIDATE on every
 * check of their selected pair, so a genuine switch happens with the next check.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class IceSession implements AutoCloseable {
  /** Local ICE credentials (RFC 8839 section 5.4). */
  public record Credentials(String ufrag, String password) {}

  /** The pair ICE selected: where application data goes. */
  public record SelectedPair(
      IceCandidate.Transport transport, InetSocketAddress local, InetSocketAddress remote) {}

  private static final System.Logger LOG = System.getLogger(IceSession.class.getName());

  /**
   * Valid paths kept per session. A browser checks each of its candidates against each of ours (a
   * few), while every replayed check from a spoofed source would add one.
   */
  static final int MAX_PATHS = 8;

  /** How soon after a switch (or connecting) the selected pair may change again. */
  public static final Duration MIN_SWITCH_INTERVAL = Duration.ofSeconds(1);

  private static final long MIN_SWITCH_INTERVAL_NANOS = MIN_SWITCH_INTERVAL.toNanos();

  private final IceEndpoint endpoint;
  private final Credentials local;
  private final byte[] passwordKey;
  private final List<IceCandidate> localCandidates;
  private final IceSessionListener listener;
  private final SerialExecutor events;
  private final ConsentWatch consent;
  private final Object lock = new Object();
  private final List<IcePath> paths = new ArrayList<>(); // guarded by lock
  private volatile IceSessionState state = IceSessionState.NEW; // written under lock
  private volatile String remoteUfrag;
  private volatile String remotePassword;
  private volatile IcePath selected;
  private volatile DatagramHandler handler;
  private long selectedAt; // guarded by lock

  IceSession(
      IceEndpoint endpoint,
      Credentials local,
      List<IceCandidate> localCandidates,
      IceSessionListener listener,
      SerialExecutor events,
      Duration timeout) {
    this.endpoint = endpoint;
    this.local = local;
    this.passwordKey = local.password().getBytes(UTF_8);
    this.localCandidates = localCandidates;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.events = events;
    this.consent = new ConsentWatch(timeout);
    this.selectedAt = consent.createdAt();
  }

  /**
   * Where the peer's application datagrams (DTLS, SRTP, SRTCP) go; set it before {@link #start()}.
   * Datagrams arriving while none is set are dropped.
   */
  public void setDatagramHandler(DatagramHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /** This side's ufrag and password. The ufrag also tells sessions apart on the shared ports. */
  public Credentials localCredentials() {
    return local;
  }

  /** The host candidates to put in the SDP (UDP, and passive TCP if enabled). */
  public List<IceCandidate> localCandidates() {
    return localCandidates;
  }

  /** The current state. */
  public IceSessionState state() {
    return state;
  }

  /**
   * Sets the peer's {@code ice-ufrag} and {@code ice-pwd}. A lite agent needs only its own password
   * to answer checks; the peer's ufrag is then also required in their USERNAME.
   *
   * @throws IllegalArgumentException if they violate RFC 8839 section 5.4 (ufrag 4-256, pwd 22-256
   *     ice-chars)
   */
  public void setRemoteCredentials(String ufrag, String password) {
    if (!IceChars.valid(ufrag, 4) || !IceChars.valid(password, 22)) {
      throw new IllegalArgumentException("invalid remote ICE ufrag/pwd");
    }
    synchronized (lock) {
      remoteUfrag = ufrag;
      remotePassword = password;
    }
  }

  /**
   * Takes note of a candidate of the peer (a lite agent sends no checks, so it only says whether
   * the peer could reach us from there).
   *
   * @return false if the candidate cannot be used and was ignored: not UDP, not an IP literal
   *     (mDNS), another component, another address family than ours, or the session has ended
   */
  public boolean addRemoteCandidate(IceCandidate candidate) {
    Objects.requireNonNull(candidate, "candidate");
    if (state.isTerminal() || !endpoint.canUse(candidate)) {
      LOG.log(Level.DEBUG, "{0}: ignoring remote candidate {1}", id(), candidate.toSdp());
      return false;
    }
    return true;
  }

  /**
   * Starts waiting for the peer's nomination; connects at once if it already came.
   *
   * @throws IllegalStateException if the remote credentials are not set, or not in state NEW
   */
  public void start() {
    synchronized (lock) {
      if (remoteUfrag == null || remotePassword == null) {
        throw new IllegalStateException("remote credentials not set");
      }
      if (state != IceSessionState.NEW) {
        throw new IllegalStateException("cannot start in state " + state);
      }
      setState(IceSessionState.CHECKING, "waiting for the peer's checks");
      if (selected != null) {
        connected();
      }
    }
  }

  /** The selected pair, once connected. */
  public Optional<SelectedPair> selectedPair() {
    return state == IceSessionState.CONNECTED ? lastSelectedPair() : Optional.empty();
  }

  /**
   * The pair selected last, as it is now (it may have switched since connecting) and also after the
   * session ended, for post-mortems; empty if the peer never nominated one.
   */
  public Optional<SelectedPair> lastSelectedPair() {
    var path = selected;
    return path == null
        ? Optional.empty()
        : Optional.of(new SelectedPair(path.transport(), path.local(), path.remote()));
  }

  /**
   * Sends one datagram over the selected pair (framed per RFC 4571 on ICE-TCP) without blocking.
   *
   * @return false if it was dropped because the socket had no room (count it as lost)
   * @throws SocketException if not {@link IceSessionState#CONNECTED} (data that arrives a moment
   *     before this side sees the nomination may need an answer that cannot go yet: treat it like a
   *     lost packet, the peer retransmits)
   */
  public boolean send(byte[] data, int offset, int length) throws SocketException {
    var path = selected;
    var current = state;
    if (current != IceSessionState.CONNECTED || path == null) {
      throw new SocketException("ICE session " + id() + " is " + current);
    }
    return path.send(data, offset, length);
  }

  /**
   * Ends the session: forgets its ufrag and remote addresses, closes its ICE-TCP connections (the
   * shared sockets stay open). Idempotent; reports {@link IceSessionState#CLOSED} once.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (state == IceSessionState.CLOSED) {
        return;
      }
      // Forgotten first, so a listener hearing CLOSED sees the endpoint's counts without it.
      endpoint.forget(this);
      releasePaths();
      setState(IceSessionState.CLOSED, "closed");
    }
  }

  @Override
  public String toString() {
    return "IceSession[" + id() + ", " + state + "]";
  }

  /** Called periodically by the endpoint; {@code now} is a {@link System#nanoTime()} value. */
  void checkLiveness(long now) {
    var reason = consent.failure(state, now);
    if (reason != null) {
      fail(reason);
    }
  }

  /** How many valid checks (RFC 7675 consent) the peer has sent on the selected pair. */
  long consentChecks() {
    return consent.consentChecks();
  }

  String id() {
    return local.ufrag();
  }

  byte[] passwordKey() {
    return passwordKey;
  }

  /** Whether a check naming {@code ufrag} as the peer's may be for this session. */
  boolean acceptsRemoteUfrag(String ufrag) {
    var known = remoteUfrag;
    return known == null || known.equals(ufrag);
  }

  /**
   * An authenticated check arrived on {@code path}: it becomes a valid path of this session, and
   * the selected one if nominated.
   *
   * @return false if the session has ended or the path belongs to another session (no answer)
   */
  boolean onValidCheck(IcePath path, boolean useCandidate) {
    long now = System.nanoTime();
    synchronized (lock) {
      if (state.isTerminal()) {
        return false;
      }
      if (!paths.contains(path)) {
        if (!path.bind(this)) {
          return false;
        }
        if (paths.size() >= MAX_PATHS) {
          forgetOldestUnselectedPath();
        }
        paths.add(path);
        LOG.log(Level.DEBUG, "ICE session {0}: valid pair {1}", id(), path);
      }
      if (useCandidate
          && !path.equals(selected)
          && state == IceSessionState.CONNECTED
          && now - selectedAt < MIN_SWITCH_INTERVAL_NANOS) {
        LOG.log(Level.DEBUG, "ICE session {0}: not switching to {1} so soon", id(), path);
      } else if (useCandidate && !path.equals(selected)) {
        var previous = selected;
        selected = path;
        selectedAt = now;
        consent.selectedChanged();
        if (previous != null) {
          LOG.log(Level.INFO, "ICE session {0} switched from {1} to {2}", id(), previous, path);
        }
        if (state == IceSessionState.CHECKING) {
          connected();
        }
      }
      if (path.equals(selected)) {
        consent.consent(now);
      }
    }
    return true;
  }

  /** A datagram from a validated remote, on the endpoint's reader thread. */
  void deliver(byte[] buf, int off, int len) {
    if (state.isTerminal()) {
      return;
    }
    var h = handler;
    if (h != null) {
      h.onDatagram(buf, off, len);
    }
  }

  /**
   * An ICE-TCP connection of this session closed (peer, error, or release). If it was the selected
   * one, the watchdog fails the session after a short grace unless the peer nominates another pair.
   */
  void pathClosed(IcePath path) {
    synchronized (lock) {
      if (paths.remove(path) && path.equals(selected)) {
        consent.selectedClosed(System.nanoTime());
      }
    }
  }

  /** With the lock held. */
  private void connected() {
    long now = System.nanoTime();
    consent.connected(now);
    selectedAt = now;
    var path = selected;
    LOG.log(Level.INFO, "ICE session {0} connected: {1}", id(), path);
    setState(IceSessionState.CONNECTED, "selected " + path);
  }

  private void fail(String reason) {
    synchronized (lock) {
      if (state.isTerminal()) {
        return;
      }
      LOG.log(Level.INFO, "ICE session {0} failed: {1}", id(), reason);
      endpoint.forget(this);
      releasePaths();
      setState(IceSessionState.FAILED, reason);
    }
  }

  /** With the lock held: the listener hears of transitions in the order they happen. */
  private void setState(IceSessionState next, String reason) {
    state = next;
    events.execute(() -> listener.onStateChange(this, next, reason));
  }

  /** With the lock held. */
  private void forgetOldestUnselectedPath() {
    for (var path : paths) {
      if (!path.equals(selected)) {
        paths.remove(path);
        LOG.log(Level.DEBUG, "ICE session {0}: too many pairs, forgetting {1}", id(), path);
        path.release(this);
        return;
      }
    }
  }

  /** With the lock held. */
  private void releasePaths() {
    var released = List.copyOf(paths);
    paths.clear();
    for (var path : released) {
      path.release(this);
    }
  }
}
