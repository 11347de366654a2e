package dev.chorus.signaling.media;

import dev.chorus.signaling.sdp.Codec;
import dev.chorus.signaling.sdp.MediaDescription;
import dev.chorus.signaling.sdp.SessionDescription;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A browser's offer for its send transport, checked before any transport is made: it has ICE
 * credentials and a DTLS fingerprint, and sends one to {@link #MAX_TRACKS} usable tracks. A section
 * that sends audio or video in no codec the router forwards refuses the whole offer, naming the
 * codecs it would take: answering it rejected would leave the user shown without that track and not
 * knowing why.
 */
record PublishOffer(
    SessionDescription sdp, TransportLines.Remote remote, List<PublishAnswer.Section> plan) {

  /** Microphone, camera, screen and its sound: every other tab receives each, so bounded. */
  static final int MAX_TRACKS = 4;

  static final String SUPPORTED =
      "Opus audio, and VP8 or H.264 video (H.264 Constrained Baseline, profile-level-id 42e0xx,"
          + " packetization-mode=1)";

  /** Formats that only repair or protect another one: never the reason a section is usable. */
  private static final Set<String> HELPERS = Set.of("rtx", "red", "ulpfec", "flexfec-03");

  static PublishOffer of(SessionDescription offer) throws MediaRefused {
    var remote =
        TransportLines.Remote.of(offer)
            .orElseThrow(
                () ->
                    new MediaRefused(
                        "bad_sdp", "The offer has no ICE credentials or DTLS fingerprint."));
    var plan = PublishAnswer.plan(offer);
    for (var section : plan) {
      if (section instanceof PublishAnswer.Rejected r && sendsWithoutCodec(offer, r.offered())) {
        var m = r.offered();
        throw new MediaRefused(
            "unsupported_codec",
            "The "
                + m.media()
                + " track (mid "
                + m.mid().orElse("?")
                + ") is offered in "
                + offered(m)
                + "; this server takes "
                + SUPPORTED
                + ".");
      }
    }
    long sending = plan.stream().filter(PublishAnswer.Publish.class::isInstance).count();
    if (sending == 0) {
      throw new MediaRefused("bad_sdp", "The offer sends no audio or video; it takes " + SUPPORTED);
    }
    if (sending > MAX_TRACKS) {
      throw new MediaRefused(
          "bad_sdp", "A tab publishes at most " + MAX_TRACKS + " tracks, not " + sending + ".");
    }
    return new PublishOffer(offer, remote, List.copyOf(plan));
  }

  /**
   * A live audio or video section (port set, or bundled with port 0 as RFC 8843 §7.5.3 allows) that
   * sends in no codec the router takes.
   */
  private static boolean sendsWithoutCodec(SessionDescription offer, MediaDescription m) {
    var mid = m.mid();
    if (mid.isEmpty() || !m.isRtp() || !offer.direction(m).sends()) {
      return false;
    }
    if (m.isRejected() && !offer.bundleMids().contains(mid.get())) {
      return false; // stopped by the browser
    }
    var kind = PublishAnswer.kindOf(m);
    return kind.isPresent() && PublishAnswer.chooseCodec(m, kind.get()).isEmpty();
  }

  /** The section's media codecs, H.264 with the parameters that decide whether it is usable. */
  private static String offered(MediaDescription m) {
    var names =
        m.codecs().stream()
            .filter(c -> !HELPERS.contains(c.name().toLowerCase(Locale.ROOT)))
            .map(PublishOffer::describe)
            .distinct()
            .collect(Collectors.joining(", "));
    return names.isEmpty() ? "no codec" : names;
  }

  private static String describe(Codec c) {
    if (!c.name().equalsIgnoreCase("h264")) {
      return c.name();
    }
    var p = c.parameters();
    return "H264 ("
        + "profile-level-id "
        + p.getOrDefault("profile-level-id", "absent")
        + ", packetization-mode "
        + p.getOrDefault("packetization-mode", "0")
        + ")";
  }
}
