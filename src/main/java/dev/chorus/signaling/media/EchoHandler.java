package dev.chorus.signaling.media;

import dev.chorus.config.MediaEngineProvider;
import dev.chorus.media.dtls.DtlsFingerprint;
import dev.chorus.media.ice.IceCandidate;
import dev.chorus.media.sfu.echo.EchoForwarder;
import dev.chorus.media.sfu.transport.TransportState;
import dev.chorus.media.sfu.transport.WebRtcTransport;
import dev.chorus.signaling.Connection;
import dev.chorus.signaling.Envelope;
import dev.chorus.signaling.Fields;
import dev.chorus.signaling.SocketClosed;
import dev.chorus.signaling.SocketError;
import dev.chorus.signaling.SocketHandler;
import dev.chorus.signaling.Wire;
import dev.chorus.signaling.sdp.SdpParseException;
import dev.chorus.signaling.sdp.SessionDescription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The connection test: {@code media.echo.offer} opens a WebRtcTransport whose incoming media is
 * sent straight back ({@link EchoForwarder}); one per tab, closed by {@code media.echo.stop}, by a
 * new offer, or when the tab's socket closes.
 */
@ApplicationScoped
public class EchoHandler implements SocketHandler {
  private static final Logger LOG = Logger.getLogger(EchoHandler.class.getName());

  @Inject MediaEngineProvider media;

  private final Map<String, WebRtcTransport> byTab = new ConcurrentHashMap<>();

  @Override
  public Set<String> types() {
    return Set.of("media.echo.offer", "media.echo.candidate", "media.echo.stop");
  }

  @Override
  public void handle(Connection from, Envelope m) throws SocketError {
    switch (m.type()) {
      case "media.echo.offer" -> offer(from, m);
      case "media.echo.candidate" -> candidate(from, m);
      case "media.echo.stop" -> {
        close(from);
        from.send(m.reply("ack").build());
      }
      default -> throw new IllegalArgumentException(m.type());
    }
  }

  private void offer(Connection from, Envelope m) throws SocketError {
    var text = Fields.string(m, "sdp");
    // "tcp" answers with the ICE-TCP candidate only: the page's "test over TCP" button.
    boolean tcpOnly = "tcp".equals(Fields.optionalString(m, "transport"));
    var engine =
        media
            .engine()
            .orElseThrow(
                () ->
                    new SocketError(
                        m.id(), "media_unavailable", "The media server is not running."));
    SessionDescription offer;
    try {
      offer = SessionDescription.parse(text).orElseThrow();
    } catch (SdpParseException e) {
      throw new SocketError(m.id(), "bad_sdp", "The offer is not valid SDP: " + e.getMessage());
    }
    var credentials =
        offer
            .iceCredentials()
            .orElseThrow(
                () -> new SocketError(m.id(), "bad_sdp", "The offer has no ICE credentials."));
    var fingerprints = new ArrayList<DtlsFingerprint>();
    for (var f : offer.fingerprints()) {
      DtlsFingerprint.parse(f.hashFunction() + " " + f.value()).ifPresent(fingerprints::add);
    }
    if (fingerprints.isEmpty()) {
      throw new SocketError(m.id(), "bad_sdp", "The offer has no usable DTLS fingerprint.");
    }
    close(from);
    WebRtcTransport transport;
    try {
      transport =
          engine.createTransport((t, state, reason) -> onState(from, t, state), from.accountId());
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.WARNING, "could not create a transport", e);
      throw new SocketError(
          m.id(), "media_unavailable", "The media server could not open a transport.");
    }
    var echo = new EchoForwarder();
    var answer = EchoAnswer.answer(offer, transport.localParameters(), echo, tcpOnly);
    if (answer.sdp().isEmpty()) {
      transport.close();
      throw new SocketError(m.id(), "bad_sdp", answer.problem());
    }
    transport.setMediaListener(echo);
    var candidates = new ArrayList<IceCandidate>();
    offer
        .transportSection()
        .ifPresent(
            s ->
                s.candidates()
                    .forEach(
                        c -> IceCandidate.parse(c.attributeValue()).ifPresent(candidates::add)));
    byTab.put(from.id(), transport);
    try {
      transport.setRemote(credentials.ufrag(), credentials.password(), fingerprints, candidates);
    } catch (IllegalArgumentException e) {
      close(from);
      throw new SocketError(m.id(), "bad_sdp", "The offer's ICE credentials are not valid.");
    }
    from.send(
        m.reply("media.echo.answer")
            .add("sdp", answer.sdp().get())
            .add("transportId", transport.id())
            .build());
  }

  private void candidate(Connection from, Envelope m) throws SocketError {
    var transport = byTab.get(from.id());
    if (transport == null) {
      throw new SocketError(m.id(), "not_in_session", "Send media.echo.offer first.");
    }
    var text = Fields.string(m, "candidate");
    if (!text.isBlank()) {
      IceCandidate.parse(text).ifPresent(transport::addRemoteCandidate);
    }
  }

  private void onState(Connection tab, WebRtcTransport transport, TransportState state) {
    tab.send(
        Wire.push("media.echo.state")
            .add("transportId", transport.id())
            .add("state", state.name().toLowerCase(java.util.Locale.ROOT))
            .build());
    if (state.isTerminal()) {
      byTab.remove(tab.id(), transport);
    }
  }

  private void close(Connection tab) {
    var transport = byTab.remove(tab.id());
    if (transport != null) {
      transport.close();
    }
  }

  void onSocketClosed(@Observes SocketClosed event) {
    close(event.connection());
  }
}
