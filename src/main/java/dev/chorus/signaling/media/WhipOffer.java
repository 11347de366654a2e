package dev.chorus.signaling.media;

import dev.chorus.media.sfu.MediaKind;
import dev.chorus.signaling.sdp.SessionDescription;
import dev.chorus.signaling.sdp.Setup;
import java.util.Locale;

/**
 * A WHIP encoder's offer, checked before anything is made: what a tab's {@link PublishOffer} must
 * be (ICE and DTLS lines, a usable codec for every sending track), plus what a stream must be: not
 * {@code a=setup:passive} ({@code dtls_role}: the server is only ever the DTLS server; ffmpeg's
 * WHIP muxer offers it), and at most one audio and one video track ({@code too_many_tracks}).
 */
final class WhipOffer {
  private WhipOffer() {}

  static PublishOffer of(SessionDescription offer) throws MediaRefused {
    if (offer.setup().orElse(Setup.ACTPASS) == Setup.PASSIVE) {
      throw new MediaRefused(
          "dtls_role",
          "The offer says a=setup:passive; this server is always the DTLS server, so offer"
              + " actpass or active.");
    }
    var checked = PublishOffer.of(offer);
    var kinds =
        checked.plan().stream()
            .filter(PublishAnswer.Publish.class::isInstance)
            .map(p -> ((PublishAnswer.Publish) p).producer().kind())
            .toList();
    for (var kind : MediaKind.values()) {
      long n = kinds.stream().filter(kind::equals).count();
      if (n > 1) {
        throw new MediaRefused(
            "too_many_tracks",
            "A WHIP stream sends one audio and one video track; this offer sends "
                + n
                + " "
                + kind.name().toLowerCase(Locale.ROOT)
                + " tracks.");
      }
    }
    return checked;
  }
}
