package dev.chorus.media.sfu.transport;

import dev.chorus.media.dtls.DtlsFingerprint;
import dev.chorus.media.dtls.DtlsHandshakeResult;
import dev.chorus.media.dtls.SrtpProtectionProfiles;
import dev.chorus.media.ice.IceCandidate;
import dev.chorus.media.ice.IceSession;
import dev.chorus.media.ice.IceSessionState;
import dev.chorus.media.ice.SerialExecutor;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.srtp.SrtpKeyingMaterial;
import dev.chorus.media.srtp.SrtpProfile;
import dev.chorus.media.srtp.SrtpRole;
import dev.chorus.media.srtp.SrtpSession;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One browser peer connection (mediasoup's WebRtcTransport): ICE on the engine's shared ports,
 * DTLS-SRTP keys (RFC 5764), and the packet paths between the peer and the SFU.
 *
 * <p>Use: put {@link #localParameters()} in the SDP answer; {@link #setMediaListener} to receive
 * decrypted RTP/RTCP; {@link #setRemote} with what the offer says (this starts ICE and the packet
 * thread; the DTLS handshake starts once ICE has connected and the peer's first DTLS record is
 * here); {@link #sendRtp}/{@link #sendRtcp} once {@link TransportState#CONNECTED}; {@link #close()}
 * when done.
 *
 * <p>Threads: none of its own. The ICE endpoint's reader hands each datagram from the peer to the
 * transport's bounded queue ({@link PushReceiver}), and its packet work ({@link ReceivePath}, which
 * calls the {@link MediaListener}) runs on the engine's shared packet pool, one datagram at a time
 * per transport; the DTLS handshake runs on the engine's bounded handshake pool until it completes,
 * taking a thread there only once the peer's first DTLS record has arrived, so a peer that connects
 * ICE and stays silent holds none; the scheduler fails the transport if that record does not come
 * within {@link MediaEngineOptions#dtlsFirstRecordTimeout()}, or the handshake is not done within
 * {@link MediaEngineOptions#dtlsHandshakeTimeout()}, both counted from ICE connecting; state
 * changes reach the {@link TransportStateListener} in order on the engine's scheduler. Sending is
 * allowed from any thread, never blocks, and takes no lock shared with other transports.
 *
 * <p>Close cascade, the same whether {@link #close()} is called, the peer sends close_notify, or
 * the transport fails (ICE failure or consent expiry, DTLS handshake failure or timeout, fatal DTLS
 * alert):
 *
 * <ol>
 *   <li>the state becomes CLOSED or FAILED, so sends are refused and queued datagrams are no longer
 *       handled;
 *   <li>DTLS: close_notify is sent if the handshake had completed (else a pending handshake is
 *       aborted, freeing its slot in the handshake pool); its deadline checks are cancelled;
 *   <li>ICE: the session is closed, which forgets its ufrag and remote addresses on the shared
 *       ports and closes its ICE-TCP connection, if any;
 *   <li>SRTP: contexts dropped and master keys wiped;
 *   <li>the engine forgets the transport;
 *   <li>the state listener hears of it: each state at most once, CLOSED exactly once if {@link
 *       #close()} is called (a FAILED transport reports CLOSED when closed; its resources were
 *       already freed).
 * </ol>
 *
 * The {@link MediaListener} hears {@link MediaListener#onTransportEnded} once, just before the
 * state listener hears the first of CLOSED or FAILED; a {@link
 * dev.chorus.media.sfu.RouterTransport} closes the producers and consumers on this transport then.
 */
public final class WebRtcTransport {
  /** The longest datagram a transport takes from its peer (and so hands to its listener). */
  public static final int MAX_PACKET = ReceivePath.BUFFER_SIZE;

  /** How long after its consumer closed an SSRC's SRTP contexts are dropped. */
  static final Duration SSRC_RETIRE_DELAY = Duration.ofSeconds(2);

  private static final System.Logger LOG = System.getLogger(WebRtcTransport.class.getName());

  private final MediaEngine engine;
  private final String owner;
  private final IceSession ice;
  private final String id;
  private final TransportStateListener stateListener;
  private final SerialExecutor notifications;
  private final TransportStats stats = new TransportStats();
  private final DtlsLink dtls;
  private final PushReceiver push;
  private final SrtpSender sender;
  private final RtpSink rtpSink = new WebRtcTransportSink(this);
  private final Object stateLock = new Object();
  private final AtomicBoolean released = new AtomicBoolean();
  private final AtomicBoolean endAnnounced = new AtomicBoolean();
  private volatile TransportState state = TransportState.NEW;
  private volatile MediaListener mediaListener = MediaListener.DISCARD;
  private volatile SrtpSession srtp;
  private volatile String srtpProfile;
  private volatile List<DtlsFingerprint> remoteFingerprints = List.of();

  WebRtcTransport(MediaEngine engine, TransportStateListener stateListener, String owner) {
    this.engine = engine;
    this.owner = owner;
    this.stateListener = Objects.requireNonNull(stateListener, "stateListener");
    this.notifications = new SerialExecutor(engine.scheduler());
    this.dtls = new DtlsLink(this::sendToPeer, stats, new TransportDtlsEvents(this));
    this.ice = engine.iceEndpoint().createSession(this::onIceState);
    this.id = ice.localCredentials().ufrag();
    this.push =
        new PushReceiver(
            engine.packetWork(),
            new ReceivePath(this, dtls, stats, engine.options().maxDtlsDatagramsPerSecond()),
            stats);
    ice.setDatagramHandler(push);
    this.sender = new SrtpSender(ice, stats);
  }

  /** A short unique id: the local ICE ufrag. */
  public String id() {
    return id;
  }

  /** What the SDP answer needs from the server side. */
  public LocalParameters localParameters() {
    var credentials = ice.localCredentials();
    return new LocalParameters(
        credentials.ufrag(),
        credentials.password(),
        ice.localCandidates(),
        engine.dtlsServer().certificate().fingerprint());
  }

  /**
   * Applies the peer's side of the offer and starts connecting: ICE answers the peer's checks, the
   * DTLS handshake starts once the peer has nominated a pair and sent its ClientHello. Candidates
   * may be empty (the browser's checks reveal its addresses) and more may follow with {@link
   * #addRemoteCandidate}.
   *
   * @param ufrag the offer's {@code a=ice-ufrag}
   * @param password the offer's {@code a=ice-pwd}
   * @param fingerprints the offer's {@code a=fingerprint} values; the browser's DTLS certificate
   *     must match one
   * @param candidates the offer's {@code a=candidate} lines; unusable ones (mDNS, other address
   *     family) are skipped
   * @throws IllegalArgumentException if the credentials are malformed or no fingerprint is given
   * @throws IllegalStateException unless the transport is {@link TransportState#NEW}
   */
  public void setRemote(
      String ufrag,
      String password,
      List<DtlsFingerprint> fingerprints,
      List<IceCandidate> candidates) {
    if (fingerprints == null || fingerprints.isEmpty()) {
      throw new IllegalArgumentException("the peer must announce a DTLS fingerprint");
    }
    synchronized (stateLock) {
      if (state != TransportState.NEW) {
        throw new IllegalStateException("setRemote in state " + state);
      }
      ice.setRemoteCredentials(ufrag, password);
      remoteFingerprints = List.copyOf(fingerprints);
      candidates.forEach(ice::addRemoteCandidate);
      transition(TransportState.CONNECTING, "remote description set");
    }
    try {
      ice.start();
    } catch (IllegalStateException e) {
      if (state.isTerminal()) {
        return; // closed meanwhile: nothing to start
      }
      throw e;
    }
  }

  /**
   * Adds a trickled candidate of the peer.
   *
   * @return false if it is unusable or the transport has ended
   */
  public boolean addRemoteCandidate(IceCandidate candidate) {
    return !state.isTerminal() && ice.addRemoteCandidate(candidate);
  }

  /** The current state. */
  public TransportState state() {
    return state;
  }

  /** Where decrypted packets from the peer go; may be replaced at any time. */
  public void setMediaListener(MediaListener listener) {
    this.mediaListener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Encrypts a copy of an RTP packet and sends it to the peer. Never throws for packet or network
   * reasons; the outcome is counted in {@link #stats()}.
   *
   * @return true if it went out
   */
  public boolean sendRtp(byte[] buf, int off, int len) {
    return send(buf, off, len, false);
  }

  /**
   * Like {@link #sendRtp} without the copy: encrypts in {@code buf} itself, which must have {@link
   * RtpSink#TRAILER_ROOM} free bytes after the packet and whose contents are unspecified
   * afterwards. What a {@link dev.chorus.media.sfu.Router} uses for every forwarded packet.
   *
   * @return true if it went out
   */
  public boolean sendRtpInPlace(byte[] buf, int off, int len) {
    SrtpSession session = connectedSrtp();
    return session != null && sender.sendInPlace(session, buf, off, len);
  }

  /** This transport as the {@link RtpSink} of a router's consumers. */
  public RtpSink rtpSink() {
    return rtpSink;
  }

  /**
   * Forgets the SRTP contexts of {@code ssrc} (RTP and RTCP) after {@link #SSRC_RETIRE_DELAY}, so a
   * long-lived transport whose consumers come and go does not keep one context per consumer it ever
   * had. The delay lets a send that had already picked the consumer finish first: one that came
   * after the forget would make a fresh context and keep it.
   */
  void retireSsrc(long ssrc) {
    if (state.isTerminal()) {
      return; // release() dropped every context
    }
    try {
      engine
          .scheduler()
          .schedule(() -> forgetSsrc(ssrc), SSRC_RETIRE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // The engine is shutting down, and its transports with it.
    }
  }

  private void forgetSsrc(long ssrc) {
    SrtpSession session = srtp;
    if (session != null) {
      session.forgetSsrc((int) ssrc);
    }
  }

  /** Like {@link #sendRtp} for a (compound) RTCP packet. */
  public boolean sendRtcp(byte[] buf, int off, int len) {
    return send(buf, off, len, true);
  }

  /** Writes {@code packets} as one compound RTCP packet, encrypts and sends it. */
  public boolean sendRtcp(List<? extends RtcpPacket> packets) {
    SrtpSession session = connectedSrtp();
    return session != null && sender.sendRtcp(session, packets);
  }

  /** The engine this transport belongs to. */
  MediaEngine engine() {
    return engine;
  }

  /** The live counters. */
  public TransportStats stats() {
    return stats;
  }

  /** State, ICE pair, SRTP profile and counters, for the admin API. */
  public TransportSnapshot snapshot() {
    return new TransportSnapshot(
        id,
        state,
        ice.state(),
        ice.lastSelectedPair(),
        Optional.ofNullable(srtpProfile),
        stats.counters());
  }

  /**
   * Closes the transport (see the cascade in the class comment). Idempotent; does not wait for
   * packet work or the handshake to finish (see {@link #awaitTermination}), so it may be called
   * from any thread, including listeners.
   */
  public void close() {
    end(TransportState.CLOSED, "closed");
  }

  /**
   * Waits until no datagram of this transport is being handled and its DTLS handshake, if one was
   * started, has returned (after a close or failure).
   *
   * @return true if so
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    return dtls.awaitHandshakeEnd(timeout.toNanos())
        && push.awaitIdle(deadline - System.nanoTime());
  }

  @Override
  public String toString() {
    return "WebRtcTransport[" + id + ", " + state + "]";
  }

  SrtpSession srtp() {
    return srtp;
  }

  MediaListener mediaListener() {
    return mediaListener;
  }

  /** Ends the transport as FAILED unless it already ended. */
  void fail(String reason) {
    end(TransportState.FAILED, reason);
  }

  void end(TransportState terminal, String reason) {
    // Under the lock, so that the listener hears of the end only once everything is released, and
    // a concurrent close() cannot report CLOSED before this FAILED. Neither the packet path nor
    // anything release() waits for takes this lock.
    synchronized (stateLock) {
      if (state == TransportState.CLOSED
          || (terminal == TransportState.FAILED && state.isTerminal())) {
        return;
      }
      state = terminal; // sends and the handling of queued datagrams stop from here on
      release();
      transition(terminal, reason);
    }
  }

  private void transition(TransportState next, String reason) {
    // Called with stateLock held, so notifications are queued in transition order.
    state = next;
    if (next == TransportState.FAILED) {
      LOG.log(Level.INFO, "Transport {0} failed: {1}", id, reason);
    }
    if (next.isTerminal() && endAnnounced.compareAndSet(false, true)) {
      MediaListener media = mediaListener;
      notifications.execute(() -> media.onTransportEnded(this, next));
    }
    notifications.execute(() -> stateListener.onStateChange(this, next, reason));
  }

  private void release() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    dtls.close();
    ice.close();
    var session = srtp;
    if (session != null) {
      session.close();
    }
    engine.forget(this);
  }

  private void onIceState(IceSession session, IceSessionState iceState, String reason) {
    switch (iceState) {
      case CONNECTED -> {
        if (!state.isTerminal()) {
          dtls.iceConnected(
              this::admitHandshake,
              engine.scheduler(),
              engine.dtlsServer(),
              remoteFingerprints,
              engine.options().dtlsFirstRecordTimeout(),
              engine.options().dtlsHandshakeTimeout());
        }
      }
      case FAILED -> fail("ICE: " + reason);
      case CLOSED -> {
        // Ours when release() closed it; otherwise the endpoint was closed underneath us.
        if (!released.get()) {
          end(TransportState.CLOSED, "ICE session closed");
        }
      }
      default -> {
        // NEW and CHECKING change nothing here.
      }
    }
  }

  /** Hands the handshake to the engine, which admits so many per remote address and owner. */
  private void admitHandshake(Runnable handshake) {
    var address = ice.lastSelectedPair().map(p -> p.remote().getAddress()).orElse(null);
    engine.admitHandshake(address, owner, handshake);
  }

  private SrtpSession connectedSrtp() {
    SrtpSession session = srtp;
    if (session == null || state != TransportState.CONNECTED) {
      stats.dropped.increment();
      return null;
    }
    return session;
  }

  private boolean send(byte[] src, int off, int len, boolean rtcp) {
    SrtpSession session = connectedSrtp();
    return session != null && sender.send(session, src, off, len, rtcp);
  }

  private void sendToPeer(byte[] buf, int off, int len) throws IOException {
    if (!ice.send(buf, off, len)) {
      throw new IOException("no room in the socket buffer");
    }
  }

  void keysReady(DtlsHandshakeResult result) {
    int profileId = result.srtp().profile();
    var profile = SrtpProfile.fromId(profileId);
    if (profile.isEmpty()) {
      fail("DTLS negotiated unsupported " + SrtpProtectionProfiles.name(profileId));
      return;
    }
    var keys = SrtpKeyingMaterial.split(profile.get(), result.srtp().keyingMaterial());
    var session = SrtpSession.create(keys, SrtpRole.SERVER);
    srtpProfile = SrtpProtectionProfiles.name(profileId);
    srtp = session;
    synchronized (stateLock) {
      if (state == TransportState.CONNECTING) {
        transition(TransportState.CONNECTED, "DTLS-SRTP ready (" + srtpProfile + ")");
        return;
      }
    }
    // Ended while the handshake ran; release() may have missed this session.
    session.close();
  }

  public SimulatedLoss simulatedLoss() {
    return engine.simulatedLoss();
  }

  public RetransmissionBudget retransmissionBudget() {
    return engine.options().retransmissionBudget();
  }
}
