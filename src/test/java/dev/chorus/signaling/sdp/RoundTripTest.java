package dev.chorus.signaling.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * parse→write reproduces every real offer byte for byte (CRLF line ends), whether the input used
 * CRLF or bare LF, and parsing the written text gives an equal model.
 */
class RoundTripTest {
  static List<String> fixtures() {
    return Fixtures.ALL;
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void writeReproducesCrlfInput(String name) {
    String crlf = Fixtures.crlf(name);
    assertEquals(crlf, SdpParser.parse(crlf).ok().orElseThrow().toSdp());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void lfInputIsWrittenWithCrlf(String name) {
    String lf = Fixtures.text(name).replace("\r\n", "\n");
    assertEquals(Fixtures.crlf(name), SdpParser.parse(lf).ok().orElseThrow().toSdp());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void reparsingTheOutputGivesAnEqualModel(String name) {
    SessionDescription first = Fixtures.parse(name);
    assertEquals(first, SdpParser.parse(first.toSdp()).ok().orElseThrow());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyLineIsKept(String name) {
    SessionDescription sdp = Fixtures.parse(name);
    long lines = Fixtures.text(name).lines().count();
    long modelled =
        3 + sdp.lines().size() + sdp.media().stream().mapToLong(m -> 1 + m.lines().size()).sum();
    assertEquals(lines, modelled);
  }
}
