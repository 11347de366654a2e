package dev.chorus.signaling.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 8866 §5 line order ({@code i c b k a} in a media section, {@code i u e p c b t r z k a} at
 * session level) and RFC 3264 §6 rejected sections: what the SFU writes is ordered whatever order
 * the builder was called in, and a rejected answer section is complete.
 */
class LineOrderRfc8866Test {
  /** A media-section line type must not follow a line of a later type. */
  static void assertMediaOrder(MediaDescription m) {
    assertOrder("icbka", m.lines(), m.headerLine());
  }

  static void assertOrder(String order, List<SdpLine> lines, String where) {
    int rank = 0;
    for (SdpLine line : lines) {
      char type = line.toLine().charAt(0);
      int r = order.indexOf(type == 'r' ? 't' : type);
      assertTrue(r >= rank, where + ": " + line.toLine() + " out of RFC 8866 §5 order");
      rank = r;
    }
  }

  static Stream<Arguments> offeredSections() {
    return Fixtures.ALL.stream()
        .flatMap(
            name ->
                Fixtures.parse(name).media().stream()
                    .map(m -> Arguments.of(name, m.mid().orElse("-"), m)));
  }

  @ParameterizedTest(name = "{0} mid {1}")
  @MethodSource("offeredSections")
  void rfc3264RejectedAnswerSectionIsComplete(String fixture, String mid, MediaDescription m) {
    MediaDescription rejected = MediaDescription.rejectedAnswer(m);
    assertEquals(0, rejected.port());
    assertEquals(m.media(), rejected.media());
    assertEquals(m.protocol(), rejected.protocol());
    assertEquals(m.formats(), rejected.formats());
    assertEquals(m.mid(), rejected.mid());
    assertEquals(Connection.IP4_ANY, rejected.lines().get(0), "c= comes first");
    assertMediaOrder(rejected);
    String text = rejected.headerLine() + "\r\n" + rejected.lines().get(0).toLine();
    assertTrue(text.startsWith("m=" + m.media() + " 0 " + m.protocol() + " "), text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.chorus.signaling.sdp.Fixtures#all")
  void rfc8866Section5FixturesAreInOrder(String fixture) {
    SessionDescription sdp = Fixtures.parse(fixture);
    assertOrder("iuepcbtzka", sdp.lines(), fixture + " session");
    sdp.media().forEach(LineOrderRfc8866Test::assertMediaOrder);
  }

  static Stream<Arguments> builderOrders() {
    return Stream.of(
        Arguments.of(
            "mid before c=",
            List.of(new Attribute.Mid("0"), Connection.IP4_ANY),
            List.of("c=IN IP4 0.0.0.0", "a=mid:0")),
        Arguments.of(
            "b= after a=, i= last",
            List.of(
                Attribute.RTCP_MUX,
                Field.bandwidth("AS", 300),
                Connection.IP4_ANY,
                new Field('i', "camera")),
            List.of("i=camera", "c=IN IP4 0.0.0.0", "b=AS:300", "a=rtcp-mux")),
        Arguments.of(
            "attributes keep their own order",
            List.of(Direction.RECVONLY, new Attribute.Mid("1"), Attribute.RTCP_MUX),
            List.of("a=recvonly", "a=mid:1", "a=rtcp-mux")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builderOrders")
  void rfc8866Section5MediaLinesAreWrittenInOrder(
      String name, List<SdpLine> calls, List<String> written) {
    var b = MediaDescription.builder("audio", 9, MediaDescription.RTP_PROTOCOL).format("111");
    calls.forEach(b::line);
    MediaDescription m = b.build();
    assertEquals(written, m.lines().stream().map(SdpLine::toLine).toList());
    String sdp = SessionDescription.builder(Origin.of("1", 1)).media(m).build().toSdp();
    assertTrue(sdp.contains(String.join("\r\n", written)), sdp);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sessionOrders")
  void rfc8866Section5SessionLinesAreWrittenInOrder(
      String name, List<SdpLine> calls, List<String> written) {
    var b = SessionDescription.builder(Origin.of("1", 1));
    calls.forEach(b::line);
    assertEquals(written, b.build().lines().stream().map(SdpLine::toLine).toList());
  }

  static Stream<Arguments> sessionOrders() {
    return Stream.of(
        Arguments.of(
            "a= before t= and c=",
            List.of(Attribute.ICE_LITE, Connection.IP4_ANY, Timing.UNBOUNDED),
            List.of("c=IN IP4 0.0.0.0", "t=0 0", "a=ice-lite")),
        Arguments.of(
            "each r= stays under its t=",
            List.of(
                new Timing(1, 2),
                new Field('r', "7d 1h 0"),
                new Timing(3, 4),
                new Field('r', "1d 1h 0"),
                new Field('u', "http://example.com/")),
            List.of("u=http://example.com/", "t=1 2", "r=7d 1h 0", "t=3 4", "r=1d 1h 0")));
  }
}
