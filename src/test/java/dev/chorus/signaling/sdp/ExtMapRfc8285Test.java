package dev.chorus.signaling.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code a=extmap} per RFC 8285 (syntax §8), including the examples of its §5. */
class ExtMapRfc8285Test {

  private static ExtMap parse(String value) throws Malformed {
    return (ExtMap) AttributeParser.parse("extmap:" + value);
  }

  @Test
  void rfcExamples() throws Malformed {
    assertEquals(
        ExtMap.of(1, "http://example.com/082005/ext.htm#ttime"),
        parse("1 http://example.com/082005/ext.htm#ttime"));
    ExtMap withAttributes = parse("2/sendrecv http://example.com/082005/ext.htm#xmeta short");
    assertEquals(
        new ExtMap(2, Direction.SENDRECV, "http://example.com/082005/ext.htm#xmeta", "short"),
        withAttributes);
    assertEquals(
        "a=extmap:2/sendrecv http://example.com/082005/ext.htm#xmeta short",
        withAttributes.toLine());
  }

  @Test
  void twoByteAndOfferOnlyRanges() throws Malformed {
    assertEquals(255, parse("255 urn:x").id());
    assertEquals(4096, parse("4096 urn:x").id());
    assertEquals(4351, parse("4351/inactive urn:x").id());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0 urn:x",
        "256 urn:x",
        "4095 urn:x",
        "4352 urn:x",
        "x urn:x",
        "1/both urn:x",
        "1",
        "1 ",
        "-1 urn:x"
      })
  void malformedExtmapIsRejected(String value) {
    String sdp = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=extmap:" + value + "\r\n";
    SdpResult<SessionDescription> result = SdpParser.parse(sdp);
    assertFalse(result.isOk(), value);
    assertEquals(5, result.failure().orElseThrow().lineNumber());
  }
}
