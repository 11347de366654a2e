package dev.chorus.signaling.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.sfu.echo.EchoForwarder;
import dev.chorus.signaling.sdp.Connection;
import dev.chorus.signaling.sdp.MediaDescription;
import dev.chorus.signaling.sdp.Origin;
import dev.chorus.signaling.sdp.SdpLine;
import dev.chorus.signaling.sdp.SessionDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 8866 §5: every media section of every answer the SFU writes (publish and echo), accepted or
 * rejected, has a {@code c=} line before its {@code a=} lines — Firefox's SIPCC refuses the whole
 * answer otherwise ("c= connection line not specified for every media level").
 */
class AnswerLineOrderRfc8866Test {
  /** Every offer fixture under {@code src/test/resources/sdp/}. */
  static List<String> offers() {
    try (Stream<Path> files =
        Files.list(Path.of(AnswerLineOrderRfc8866Test.class.getResource("/sdp").toURI()))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith("-offer.sdp"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertComplete(String sdp, String what) {
    var answer = SdpFixtures.parseText(sdp);
    assertFalse(answer.media().isEmpty(), what);
    for (MediaDescription m : answer.media()) {
      var types = m.lines().stream().map(SdpLine::toLine).map(l -> l.charAt(0)).toList();
      int c = types.indexOf('c');
      assertTrue(c >= 0, what + ": no c= in " + m.headerLine());
      assertTrue(
          m.lines().get(c).equals(Connection.IP4_ANY), what + ": " + m.lines().get(c).toLine());
      int firstA = types.indexOf('a');
      assertTrue(firstA < 0 || c < firstA, what + ": c= after a= in " + m.headerLine());
      assertTrue(sdp.contains(m.headerLine() + "\r\nc="), what + ": " + m.headerLine());
    }
  }

  @ParameterizedTest
  @MethodSource("offers")
  void publishAnswerSectionsAllHaveAConnectionLineFirst(String fixture) {
    var offer = SdpFixtures.parse(fixture);
    var answer =
        PublishAnswer.answer(
            offer,
            PublishAnswer.plan(offer),
            new TransportLines(SdpFixtures.SERVER),
            Origin.of("7", 1));
    assertComplete(answer, fixture);
  }

  @ParameterizedTest
  @MethodSource("offers")
  void echoAnswerSectionsAllHaveAConnectionLineFirst(String fixture) {
    SessionDescription offer = SdpFixtures.parse(fixture);
    var result = EchoAnswer.answer(offer, SdpFixtures.SERVER, new EchoForwarder(), false);
    result.sdp().ifPresent(sdp -> assertComplete(sdp, fixture));
  }
}
