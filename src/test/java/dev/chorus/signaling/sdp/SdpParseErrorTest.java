package dev.chorus.signaling.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed input is rejected with the line number and a reason, never with an exception. */
class SdpParseErrorTest {
  private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";
  private static final String AUDIO = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

  private static SdpParseError error(String text) {
    SdpResult<SessionDescription> result = SdpParser.parse(text);
    assertFalse(result.isOk(), () -> "accepted: " + text);
    return result.failure().orElseThrow();
  }

  private static void assertError(String text, int line, String reasonPart) {
    SdpParseError e = error(text);
    assertEquals(line, e.lineNumber(), e.message());
    assertTrue(e.reason().contains(reasonPart), () -> "reason was: " + e.reason());
  }

  @Test
  void documentLevelProblems() {
    assertError(null, 0, "null");
    assertError("", 0, "empty");
    assertError("\r\n", 1, "v=0");
    assertError("o=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n", 1, "first line must be v=0");
    assertError("v=1\r\no=- 1 1 IN IP4 0.0.0.0\r\n", 1, "unsupported SDP version");
    assertError("v=0\r\n", 2, "o=");
    assertError("v=0\r\ns=-\r\nt=0 0\r\n", 2, "o=");
    assertError("v=0\r\no=- 1 1 IN IP4\r\ns=-\r\nt=0 0\r\n", 2, "6 fields");
    assertError("v=0\r\no=- x 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n", 2, "session id");
    assertError("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nt=0 0\r\n", 3, "s=");
    assertError("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n", 0, "no t= line");
    assertError("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n" + AUDIO, 4, "before any t=");
    assertError("x".repeat(SdpParser.MAX_LENGTH + 1), 0, "longer than");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "m=audio|needs <media> <port> <proto>",
        "m=audio x UDP/TLS/RTP/SAVPF 111|port is not a number",
        "m=audio 70000 UDP/TLS/RTP/SAVPF 111|outside 0..65535",
        "m=audio -9 UDP/TLS/RTP/SAVPF 111|port is not a number",
        "m=audio 9/0 UDP/TLS/RTP/SAVPF 111|number of ports",
        "m=audio 9 UDP//SAVPF 111|proto",
        "m=audio 9 UDP/TLS/RTP/SAVPF opus|not a payload type",
        "m=audio 9 UDP/TLS/RTP/SAVPF 128|not a payload type",
        "m=aud(o 9 UDP/TLS/RTP/SAVPF 111|media type"
      })
  void badMediaLines(String line, String reason) {
    assertError(HEAD + line + "\r\n", 5, reason);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a=rtpmap:abc opus/48000/2|payload type is not a number",
        "a=rtpmap:111 opus|<name>/<clock rate>",
        "a=rtpmap:111 opus/x/2|clock rate",
        "a=rtpmap:111 opus/48000/0|channel count",
        "a=fmtp:x apt=96|payload type",
        "a=rtcp-fb:111|needs",
        "a=rtcp-fb:200 nack|payload type",
        "a=fingerprint:sha-256 ZZ:00|hex pairs",
        "a=fingerprint:sha-256|needs",
        "a=setup:server|setup must be",
        "a=ice-ufrag:abc|ice-ufrag",
        "a=ice-pwd:tooshort|ice-pwd",
        "a=ice-ufrag:ab cd|ice-ufrag",
        "a=sctp-port:x|sctp-port",
        "a=max-message-size:-1|max-message-size",
        "a=ssrc:4294967296 cname:x|ssrc",
        "a=ssrc:1|needs",
        "a=ssrc-group:FID x|ssrc",
        "a=ssrc-group:FID|needs",
        "a=msid:a b c|more than two",
        "a=mid:|mid",
        "a=mid|needs a value",
        "a=candidate|needs a value",
        "a=sendrecv:x|takes no value",
        "a=rtcp-mux:1|takes no value",
        "a=group:|empty field",
        "a=bad name:x|attribute name",
        "a=:x|attribute name",
        "t=0 0|not allowed inside a media section",
        "u=http://x|not allowed in a media section",
        "c=IN IP4|needs <nettype>",
        "a=ice-options:,|needs at least one option tag",
        "a=ice-options:|needs at least one option tag",
        "a=ice-options:trickle;ice2|ice option is not a token",
        "a=bundle-only:x|takes no value",
        "c=   |c= line: empty field",
        "x=anything|not allowed in a media section",
        "m|not a <type>=<value> line",
        "v=0|only once",
        "s=again|only once"
      })
  void badLinesInAMediaSection(String line, String reason) {
    assertError(HEAD + AUDIO + "a=mid:0\r\n" + line + "\r\n", 7, reason);
  }

  @Test
  void emptyLineAndControlCharacters() {
    assertError(HEAD + "\r\n" + AUDIO, 5, "empty line");
    assertError(HEAD + "a=tool:x\ry\r\n", 5, "control character");
    assertError(HEAD + "a=tool:x\ty\r\n", 5, "control character");
    assertError(HEAD + AUDIO + "\r\na=mid:0\r\n", 6, "empty line");
    assertError(HEAD + "a=tool:x\u0000\r\n", 5, "control character");
    assertError(HEAD + "q=unknown\r\n", 5, "unknown");
  }

  @Test
  void checkedExceptionCarriesTheLine() {
    SdpParseException e =
        assertThrows(
            SdpParseException.class,
            () -> SdpParser.parse(HEAD + "m=audio x UDP/TLS/RTP/SAVPF 111\r\n").orElseThrow());
    assertEquals(5, e.lineNumber());
    assertTrue(e.getMessage().startsWith("line 5: port is not a number"), e.getMessage());
  }

  @Test
  void errorMessageShowsTheLineCut() {
    SdpParseError e = error(HEAD + "a=rtpmap:" + "9".repeat(500) + "\r\n");
    assertTrue(e.line().length() <= 121, "line kept: " + e.line().length());
  }

  /**
   * Every truncation and thousands of random byte mutations of the real offers: the parser must
   * answer with a result, and whatever it accepts must write out to text that parses back equal.
   */
  @Test
  void mutatedOffersNeverThrowAndAcceptedOnesRoundTrip() {
    Random random = new Random(8866);
    String alphabet = " :/=;~,.-_*{}0123456789azAZ\r\n\t\u0000\u00e9";
    int accepted = 0;
    int rejected = 0;
    for (String name : Fixtures.ALL) {
      String original = Fixtures.crlf(name);
      for (int cut = 0; cut < original.length(); cut += 97) {
        if (check(original.substring(0, cut))) {
          accepted++;
        } else {
          rejected++;
        }
      }
      for (int i = 0; i < 150; i++) {
        StringBuilder sb = new StringBuilder(original);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
          int at = random.nextInt(sb.length());
          char c = alphabet.charAt(random.nextInt(alphabet.length()));
          switch (random.nextInt(3)) {
            case 0 -> sb.setCharAt(at, c);
            case 1 -> sb.insert(at, c);
            default -> sb.deleteCharAt(at);
          }
        }
        if (check(sb.toString())) {
          accepted++;
        } else {
          rejected++;
        }
      }
    }
    assertTrue(accepted > 100, "accepted " + accepted);
    assertTrue(rejected > 500, "rejected " + rejected);
  }

  private static boolean check(String text) {
    SdpResult<SessionDescription> result = SdpParser.parse(text);
    if (result instanceof SdpResult.Ok<SessionDescription> ok) {
      String written = ok.value().toSdp();
      assertEquals(ok.value(), SdpParser.parse(written).ok().orElseThrow(), written);
      return true;
    }
    SdpParseError error = result.failure().orElseThrow();
    assertFalse(error.reason().isEmpty());
    return false;
  }
}
