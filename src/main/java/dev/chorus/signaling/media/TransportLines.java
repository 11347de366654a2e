package dev.chorus.signaling.media;

import dev.chorus.media.dtls.DtlsFingerprint;
import dev.chorus.media.ice.IceCandidate;
import dev.chorus.media.sfu.transport.LocalParameters;
import dev.chorus.signaling.sdp.Candidate;
import dev.chorus.signaling.sdp.Connection;
import dev.chorus.signaling.sdp.Fingerprint;
import dev.chorus.signaling.sdp.IceCredentials;
import dev.chorus.signaling.sdp.MediaDescriptionBuilder;
import dev.chorus.signaling.sdp.SessionDescription;
import dev.chorus.signaling.sdp.Setup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transport half of the SDP on both sides of a room transport: what the server writes into
 * every m-section it sends (ICE credentials and candidates, RFC 8839 §5; DTLS fingerprint, RFC 8122
 * §5; {@code a=setup:passive}, RFC 5763 §5 — the server is always the DTLS server, also in the
 * offers it makes, so the browser answers {@code active}), and what it reads from the browser's.
 */
final class TransportLines {
  private final IceCredentials credentials;
  private final Fingerprint fingerprint;
  private final List<Candidate> candidates;

  TransportLines(LocalParameters local) {
    this.credentials = new IceCredentials(local.iceUfrag(), local.icePassword());
    this.fingerprint =
        Fingerprint.of(local.fingerprint().hashFunction(), local.fingerprint().value());
    var list = new ArrayList<Candidate>();
    for (var c : local.candidates()) {
      Candidate.parse(c.toSdp()).ok().ifPresent(list::add);
    }
    this.candidates = List.copyOf(list);
  }

  /** Adds connection, ICE, DTLS lines and every candidate to an m-section. */
  MediaDescriptionBuilder addTo(MediaDescriptionBuilder b) {
    b.connection(Connection.IP4_ANY).iceCredentials(credentials).fingerprint(fingerprint);
    b.setup(Setup.PASSIVE);
    candidates.forEach(b::candidate);
    return b.endOfCandidates();
  }

  /** The browser's side of a transport: ICE credentials, certificate fingerprints, candidates. */
  record Remote(
      String ufrag,
      String password,
      List<DtlsFingerprint> fingerprints,
      List<IceCandidate> candidates) {

    /** Reads them from an offer or answer; empty with no ICE credentials or usable fingerprint. */
    static Optional<Remote> of(SessionDescription sdp) {
      var credentials = sdp.iceCredentials();
      if (credentials.isEmpty()) {
        return Optional.empty();
      }
      var fingerprints = new ArrayList<DtlsFingerprint>();
      for (var f : sdp.fingerprints()) {
        DtlsFingerprint.parse(f.hashFunction() + " " + f.value()).ifPresent(fingerprints::add);
      }
      if (fingerprints.isEmpty()) {
        return Optional.empty();
      }
      var candidates = new ArrayList<IceCandidate>();
      sdp.transportSection()
          .ifPresent(
              s ->
                  s.candidates()
                      .forEach(
                          c -> IceCandidate.parse(c.attributeValue()).ifPresent(candidates::add)));
      return Optional.of(
          new Remote(
              credentials.get().ufrag(),
              credentials.get().password(),
              List.copyOf(fingerprints),
              List.copyOf(candidates)));
    }
  }
}
