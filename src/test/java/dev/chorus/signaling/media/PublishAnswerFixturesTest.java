package dev.chorus.signaling.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.signaling.sdp.MediaDescription;
import dev.chorus.signaling.sdp.Origin;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every offer fixture (src/test/resources/sdp/SOURCES.md) answered as a room publish: which
 * sections become producers ({@code P}, with their simulcast layer count), stay {@code I}dle, or
 * are {@code R}ejected, and that the answer is one a strict browser applies: every accepted mid in
 * the BUNDLE group, rejected sections on port 0 with their mid.
 */
class PublishAnswerFixturesTest {
  static Stream<Arguments> offers() {
    return Stream.of(
        Arguments.of("chromium-156-audio-video-datachannel-offer.sdp", "P1 P1 R"),
        Arguments.of("chromium-156-simulcast-offer.sdp", "P1 P3"),
        Arguments.of("chromium-156-recvonly-offer.sdp", "I I I"),
        Arguments.of("chromium-156-datachannel-offer.sdp", "R"),
        Arguments.of("chromium-156-audio-simulcast-datachannel-offer.sdp", "P1 P3 R"),
        Arguments.of("firefox-121-audio-video-offer.sdp", "P1 P1"),
        Arguments.of("firefox-58-audio-offer.sdp", "P1"),
        Arguments.of("firefox-63-datachannel-offer.sdp", "R"),
        Arguments.of("firefox-153-audio-simulcast-datachannel-offer.sdp", "P1 P3 R"),
        // RFC 8843 bundle-only sections with port 0: video is published, not taken as removed
        Arguments.of("firefox-153-max-bundle-offer.sdp", "P1 P3 R"),
        Arguments.of("werift-0.24.4-audio-video-datachannel-offer.sdp", "P1 P1 R"),
        Arguments.of("libdatachannel-0.24.5-audio-video-datachannel-offer.sdp", "P1 P1 R"));
  }

  private static String outcome(PublishAnswer.Section s) {
    if (s instanceof PublishAnswer.Publish p) {
      return "P" + p.producer().encodings().size();
    }
    return s instanceof PublishAnswer.Idle ? "I" : "R";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("offers")
  void eachOfferIsAnsweredSectionBySection(String fixture, String expected) {
    var offer = SdpFixtures.parse(fixture);
    var plan = PublishAnswer.plan(offer);
    assertEquals(
        expected, String.join(" ", plan.stream().map(PublishAnswerFixturesTest::outcome).toList()));

    var answer =
        SdpFixtures.parseText(
            PublishAnswer.answer(
                offer, plan, new TransportLines(SdpFixtures.SERVER), Origin.of("3", 1)));
    assertEquals(offer.media().size(), answer.media().size());
    List<String> accepted =
        plan.stream()
            .filter(s -> !(s instanceof PublishAnswer.Rejected))
            .map(s -> s.offered().mid().orElseThrow())
            .toList();
    assertEquals(accepted, answer.bundleMids());
    for (int i = 0; i < plan.size(); i++) {
      MediaDescription offered = offer.media().get(i);
      MediaDescription answered = answer.media().get(i);
      assertEquals(offered.media(), answered.media());
      assertEquals(offered.mid(), answered.mid());
      boolean rejected = plan.get(i) instanceof PublishAnswer.Rejected;
      assertEquals(rejected, answered.port() == 0, answered.headerLine());
      assertTrue(answered.connection().isPresent(), answered.headerLine());
    }
  }
}
