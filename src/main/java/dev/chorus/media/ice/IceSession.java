package dev.chorus.media.ice;

import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.ice4j.Transport;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidatePairState;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;

/**
 * The server side of ICE (RFC 8445) for one WebRTC transport: a full, controlled ice4j agent whose
 * candidates live on the shared ports of its {@link IceEndpoint}.
 *
 * <p>Typical use: {@link #localCredentials()} and {@link #localCandidates()} go into the SDP
 * answer; the peer's {@code ice-ufrag}/{@code ice-pwd} go to {@link #setRemoteCredentials}, its
 * candidates to {@link #addRemoteCandidate} (also later, for trickle); then {@link #start()}. The
 * peer's checks may also come from addresses it never signalled (peer-reflexive candidates, RFC
 * 8445 section 7.3.1.3), which is how ICE-TCP peers and browsers hiding their addresses behind mDNS
 * always appear. Once {@link IceSessionState#CONNECTED}, {@link #send} and {@link #receive} carry
 * the application's datagrams (DTLS, SRTP, SRTCP) over the selected pair.
 *
 * <p>Liveness: ice4j sends consent checks (RFC 7675) on the selected pair every 15 s ± 20 % but
 * never reports their failure once connected, so the endpoint's watchdog fails the session when
 * neither a consent response nor application data arrived for {@link IceConfig#consentTimeout()}.
 *
 * <p>Thread safety: all methods may be called from any thread; {@link #receive} blocks, so one
 * thread at a time should run the receive loop. With ice4j's push API, UDP data goes instead from
 * ice4j's shared reader thread to a {@link DatagramHandler}; ICE-TCP data is still read.
 */
public final class IceSession implements AutoCloseable {
  /** Local ICE credentials (RFC 8839 section 5.4). */
  public record Credentials(String ufrag, String password) {}

  /** The pair ICE selected: where application data goes. */
  public record SelectedPair(
      IceCandidate.Transport transport, InetSocketAddress local, InetSocketAddress remote) {}

  private static final System.Logger LOG = System.getLogger(IceSession.class.getName());

  private final IceEndpoint endpoint;
  private final Agent agent;
  private final IceMediaStream stream;
  private final Component component;
  private final List<IceCandidate> localCandidates;
  private final IceSessionListener listener;
  private final Executor events;
  private final Executor background;
  private final long timeoutNanos;
  private final AtomicReference<IceSessionState> state = new AtomicReference<>(IceSessionState.NEW);
  private final AtomicBoolean freed = new AtomicBoolean();
  private final Object startLock = new Object();
  private final PropertyChangeListener agentListener = this::onAgentEvent;
  private final PropertyChangeListener pairListener = this::onPairEvent;
  private final long createdAt = System.nanoTime();
  private volatile long connectedAt = createdAt;
  private volatile long lastConsentAt = createdAt;
  private volatile long lastReceivedAt = createdAt;
  private final AtomicLong consentConfirmations = new AtomicLong();
  private final PushedDatagrams pushed;

  IceSession(
      IceEndpoint endpoint,
      Agent agent,
      Component component,
      List<IceCandidate> localCandidates,
      IceSessionListener listener,
      Executor executor,
      Duration timeout,
      boolean pushApi) {
    this.endpoint = endpoint;
    this.pushed = pushApi ? new PushedDatagrams() : null;
    this.agent = agent;
    this.component = component;
    this.stream = component.getParentStream();
    this.localCandidates = localCandidates;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.events = new SerialExecutor(executor);
    this.background = executor;
    this.timeoutNanos = timeout.toNanos();
    agent.addStateChangeListener(agentListener);
    stream.addPairChangeListener(pairListener);
    if (pushApi) {
      component.setBufferCallback(
          b -> {
            if (pushed.deliver(b, state.get().isTerminal())) {
              lastReceivedAt = System.nanoTime();
            }
          });
    }
  }

  /** Whether UDP data is pushed to the {@link DatagramHandler} instead of {@link #receive}. */
  public boolean usesPushApi() {
    return pushed != null;
  }

  /** Where pushed UDP datagrams go (push API only; dropped until set): set before start. */
  public void setDatagramHandler(DatagramHandler handler) {
    if (pushed != null) {
      pushed.setHandler(handler);
    }
  }

  /** This side's ufrag and password. The ufrag also tells sessions apart on the shared port. */
  public Credentials localCredentials() {
    return new Credentials(agent.getLocalUfrag(), agent.getLocalPassword());
  }

  /** The host candidates to put in the SDP answer (UDP, and passive TCP if enabled). */
  public List<IceCandidate> localCandidates() {
    return localCandidates;
  }

  /** The current state. */
  public IceSessionState state() {
    return state.get();
  }

  /**
   * Sets the peer's {@code ice-ufrag} and {@code ice-pwd}, needed to answer and send checks.
   *
   * @throws IllegalArgumentException if they violate RFC 8839 section 5.4 (ufrag 4-256, pwd 22-256
   *     ice-chars)
   */
  public void setRemoteCredentials(String ufrag, String password) {
    if (!isIceChars(ufrag, 4) || !isIceChars(password, 22)) {
      throw new IllegalArgumentException("invalid remote ICE ufrag/pwd");
    }
    synchronized (startLock) {
      stream.setRemoteUfrag(ufrag);
      stream.setRemotePassword(password);
    }
  }

  /**
   * Adds a candidate of the peer, before or after {@link #start()} (trickle ICE).
   *
   * @return false if the candidate cannot be used and was ignored: not UDP, not an IP literal
   *     (mDNS), another component, another address family than ours, or the session has ended
   */
  public boolean addRemoteCandidate(IceCandidate candidate) {
    Objects.requireNonNull(candidate, "candidate");
    var remote = CandidateMapping.remoteCandidate(candidate, component);
    if (remote.isEmpty()
        || component.getLocalCandidates().stream().noneMatch(l -> l.canReach(remote.get()))) {
      LOG.log(Level.DEBUG, "{0}: ignoring remote candidate {1}", id(), candidate.toSdp());
      return false;
    }
    synchronized (startLock) {
      var current = state.get();
      if (current.isTerminal()) {
        return false;
      }
      if (current == IceSessionState.NEW) {
        component.addRemoteCandidate(remote.get());
      } else {
        component.addUpdateRemoteCandidates(remote.get());
        component.updateRemoteCandidates();
      }
    }
    return true;
  }

  /**
   * Starts connectivity establishment (RFC 8445 section 6.1.4). Remote candidates are optional:
   * checks from the peer create peer-reflexive ones.
   *
   * @throws IllegalStateException if the remote credentials are not set, or not in state NEW
   */
  public void start() {
    synchronized (startLock) {
      if (stream.getRemoteUfrag() == null || stream.getRemotePassword() == null) {
        throw new IllegalStateException("remote credentials not set");
      }
      if (!state.compareAndSet(IceSessionState.NEW, IceSessionState.CHECKING)) {
        throw new IllegalStateException("cannot start in state " + state.get());
      }
      agent.startConnectivityEstablishment();
    }
    notifyListener(IceSessionState.CHECKING, "checks started");
  }

  /** The selected pair, once connected. */
  public Optional<SelectedPair> selectedPair() {
    var pair = component.getSelectedPair();
    if (pair == null || state.get() != IceSessionState.CONNECTED) {
      return Optional.empty();
    }
    var local = pair.getLocalCandidate().getTransportAddress();
    var remote = pair.getRemoteCandidate().getTransportAddress();
    var transport =
        local.getTransport() == Transport.TCP
            ? IceCandidate.Transport.TCP
            : IceCandidate.Transport.UDP;
    return Optional.of(
        new SelectedPair(
            transport,
            new InetSocketAddress(local.getAddress(), local.getPort()),
            new InetSocketAddress(remote.getAddress(), remote.getPort())));
  }

  /**
   * Sends one datagram to the peer over the selected pair (framed per RFC 4571 on ICE-TCP).
   *
   * @throws IOException if not {@link IceSessionState#CONNECTED} (data that arrives a moment before
   *     this side sees the nomination may need an answer that cannot go yet: treat it like a lost
   *     packet, the peer retransmits) or if the socket fails
   */
  public void send(byte[] data, int offset, int length) throws IOException {
    var current = state.get();
    if (current != IceSessionState.CONNECTED) {
      throw new SocketException("ICE session " + id() + " is " + current);
    }
    // Component.send caches the pair it resolved first; on a controlled ice4j agent the selected
    // pair never changes once set, so that is the selected pair.
    component.send(data, offset, length);
  }

  /**
   * Blocks until a datagram from the peer arrives and copies it into {@code packet} (at its offset,
   * truncated to its buffer; the source address is set). Only non-STUN data from addresses ICE has
   * validated is returned. With the push API only ICE-TCP data comes here.
   *
   * @throws SocketException once the session is failed or closed
   * @throws InterruptedIOException if the thread is interrupted (its flag stays set)
   */
  public void receive(DatagramPacket packet) throws IOException {
    var socket = component.getComponentSocket();
    if (state.get().isTerminal() || socket == null) {
      throw new SocketException("ICE session " + id() + " is " + state.get());
    }
    socket.receive(packet);
    // ice4j's merging socket returns without data when interrupted.
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted while receiving");
    }
    lastReceivedAt = System.nanoTime();
  }

  /**
   * Ends the session and frees the ice4j agent, its per-peer sockets and its ufrag on the shared
   * ports (which stay open). Idempotent; reports {@link IceSessionState#CLOSED} unless already
   * closed. A thread blocked in {@link #receive} gets a {@link SocketException}.
   */
  @Override
  public void close() {
    if (state.getAndSet(IceSessionState.CLOSED) == IceSessionState.CLOSED) {
      return;
    }
    endpoint.forget(this);
    free();
    notifyListener(IceSessionState.CLOSED, "closed");
  }

  @Override
  public String toString() {
    return "IceSession[" + id() + ", " + state.get() + "]";
  }

  /** Called periodically by the endpoint; {@code now} is a {@link System#nanoTime()} value. */
  void checkLiveness(long now) {
    var current = state.get();
    if (current == IceSessionState.NEW || current == IceSessionState.CHECKING) {
      if (now - createdAt > timeoutNanos) {
        fail("not connected within " + Duration.ofNanos(timeoutNanos));
      }
    } else if (current == IceSessionState.CONNECTED) {
      long last = Math.max(connectedAt, Math.max(lastConsentAt, lastReceivedAt));
      if (now - last > timeoutNanos) {
        fail("consent expired: no response or data for " + Duration.ofNanos(now - last));
      }
    }
  }

  /** How many consent checks (RFC 7675) on the selected pair the peer has answered. */
  long consentConfirmations() {
    return consentConfirmations.get();
  }

  String id() {
    return agent.getLocalUfrag();
  }

  private void onAgentEvent(PropertyChangeEvent event) {
    if (!Agent.PROPERTY_ICE_PROCESSING_STATE.equals(event.getPropertyName())) {
      return;
    }
    var oldState = (IceProcessingState) event.getOldValue();
    var newState = (IceProcessingState) event.getNewValue();
    if (newState == IceProcessingState.COMPLETED) {
      connected();
    } else if (newState == IceProcessingState.FAILED) {
      fail("connectivity checks failed");
    } else if (newState == IceProcessingState.TERMINATED
        && oldState == IceProcessingState.RUNNING) {
      fail("agent terminated before connecting");
    }
  }

  private void onPairEvent(PropertyChangeEvent event) {
    if (IceMediaStream.PROPERTY_PAIR_STATE_CHANGED.equals(event.getPropertyName())
        && event.getSource() instanceof CandidatePair pair
        && pair.getParentComponent() == component
        && event.getNewValue() == CandidatePairState.SUCCEEDED
        && pushed != null) {
      pushed.validate(pair.getRemoteCandidate().getTransportAddress());
      return;
    }
    if (IceMediaStream.PROPERTY_PAIR_CONSENT_FRESHNESS_CHANGED.equals(event.getPropertyName())
        && event.getSource() == component.getSelectedPair()) {
      lastConsentAt = System.nanoTime();
      consentConfirmations.incrementAndGet();
    }
  }

  private void connected() {
    if (!transition(EnumSet.of(IceSessionState.CHECKING), IceSessionState.CONNECTED)) {
      return;
    }
    connectedAt = System.nanoTime();
    var pair = selectedPair().map(SelectedPair::toString).orElse("?");
    LOG.log(Level.INFO, "ICE session {0} connected: {1}", id(), pair);
    notifyListener(IceSessionState.CONNECTED, "selected " + pair);
  }

  private void fail(String reason) {
    var from = EnumSet.of(IceSessionState.NEW, IceSessionState.CHECKING, IceSessionState.CONNECTED);
    if (!transition(from, IceSessionState.FAILED)) {
      return;
    }
    LOG.log(Level.INFO, "ICE session {0} failed: {1}", id(), reason);
    endpoint.forget(this);
    // Often called on an ice4j thread, where freeing the agent (which shuts down its STUN stack)
    // must not happen.
    try {
      background.execute(this::free);
    } catch (RejectedExecutionException e) {
      free();
    }
    notifyListener(IceSessionState.FAILED, reason);
  }

  private boolean transition(EnumSet<IceSessionState> from, IceSessionState to) {
    while (true) {
      var current = state.get();
      if (!from.contains(current)) {
        return false;
      }
      if (state.compareAndSet(current, to)) {
        return true;
      }
    }
  }

  private void free() {
    if (!freed.compareAndSet(false, true)) {
      return;
    }
    agent.removeStateChangeListener(agentListener);
    stream.removePairStateChangeListener(pairListener);
    agent.free();
  }

  private void notifyListener(IceSessionState newState, String reason) {
    events.execute(() -> listener.onStateChange(this, newState, reason));
  }

  private static boolean isIceChars(String s, int minLength) {
    return s != null
        && s.length() >= minLength
        && s.length() <= 256
        && s.chars()
            .allMatch(
                c ->
                    (c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || c == '+'
                        || c == '/');
  }
}
