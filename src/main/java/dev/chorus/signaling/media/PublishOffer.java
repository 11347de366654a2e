package dev.chorus.signaling.media;

import dev.chorus.signaling.sdp.SessionDescription;
import java.util.List;

/**
 * A browser's offer for its send transport, checked before any transport is made: it has ICE
 * credentials and a DTLS fingerprint, and sends one to {@link #MAX_TRACKS} usable tracks.
 */
record PublishOffer(
    SessionDescription sdp, TransportLines.Remote remote, List<PublishAnswer.Section> plan) {

  /** Microphone, camera, screen and its sound: every other tab receives each, so bounded. */
  static final int MAX_TRACKS = 4;

  static PublishOffer of(SessionDescription offer) throws MediaRefused {
    var remote =
        TransportLines.Remote.of(offer)
            .orElseThrow(
                () ->
                    new MediaRefused(
                        "bad_sdp", "The offer has no ICE credentials or DTLS fingerprint."));
    var plan = PublishAnswer.plan(offer);
    long sending = plan.stream().filter(PublishAnswer.Publish.class::isInstance).count();
    if (sending == 0) {
      throw new MediaRefused("bad_sdp", "The offer sends no Opus audio or VP8 video.");
    }
    if (sending > MAX_TRACKS) {
      throw new MediaRefused(
          "bad_sdp", "A tab publishes at most " + MAX_TRACKS + " tracks, not " + sending + ".");
    }
    return new PublishOffer(offer, remote, List.copyOf(plan));
  }
}
