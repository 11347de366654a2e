package dev.chorus.signaling.media;

import dev.chorus.media.sfu.MediaKind;
import dev.chorus.signaling.sdp.MediaDescription;
import dev.chorus.signaling.sdp.SessionDescription;
import dev.chorus.signaling.sdp.Setup;
import java.util.ArrayList;
import java.util.List;

/**
 * A WHEP player's offer, checked before any transport is made: ICE credentials and a DTLS
 * fingerprint (else {@code bad_sdp}); not {@code a=setup:passive} ({@code dtls_role}: the server is
 * only ever the DTLS server); at least one section that receives audio or video ({@code bad_sdp}),
 * and at most one of each kind ({@code too_many_tracks}: a stream has one audio and one video
 * track).
 *
 * @param receiving the mids of the sections that receive, with their kind, in offer order
 */
record PlayOffer(SessionDescription sdp, TransportLines.Remote remote, List<Receiving> receiving) {

  /** A section of the offer that wants to receive {@code kind}. */
  record Receiving(MediaDescription section, String mid, MediaKind kind) {}

  static PlayOffer of(SessionDescription offer) throws MediaRefused {
    var remote =
        TransportLines.Remote.of(offer)
            .orElseThrow(
                () ->
                    new MediaRefused(
                        "bad_sdp", "The offer has no ICE credentials or DTLS fingerprint."));
    if (offer.setup().orElse(Setup.ACTPASS) == Setup.PASSIVE) {
      throw new MediaRefused(
          "dtls_role",
          "The offer says a=setup:passive; this server is always the DTLS server, so offer"
              + " actpass or active.");
    }
    var receiving = new ArrayList<Receiving>();
    int audio = 0;
    int video = 0;
    for (var m : offer.media()) {
      var mid = m.mid().orElse(null);
      var kind = PublishAnswer.kindOf(m);
      if (mid == null
          || !m.isRtp()
          || kind.isEmpty()
          || offer.isRemoved(m)
          || !offer.direction(m).receives()) {
        continue;
      }
      if (kind.get() == MediaKind.AUDIO) {
        audio++;
      } else {
        video++;
      }
      receiving.add(new Receiving(m, mid, kind.get()));
    }
    if (receiving.isEmpty()) {
      throw new MediaRefused(
          "bad_sdp", "The offer receives no audio or video: add a recvonly transceiver.");
    }
    if (audio > 1 || video > 1) {
      throw new MediaRefused(
          "too_many_tracks",
          "A stream has one audio and one video track; the offer receives "
              + audio
              + " audio and "
              + video
              + " video.");
    }
    return new PlayOffer(offer, remote, List.copyOf(receiving));
  }
}
