package dev.chorus.media.sfu.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stream registration of the echo: fresh, distinct, valid SSRCs and no silent collisions. */
class EchoForwarderTest {

  @Test
  void freshEchoSsrcsAreDistinctNonZeroAndNotTheBrowsers() {
    var echo = new EchoForwarder(new Random(42));
    long[] browser = {1, 2, 3, 0xFFFF_FFFFL, 0x1234_5678L};

    long[] echoes = echo.addStreams(browser);

    Set<Long> seen = new HashSet<>();
    for (long b : browser) {
      seen.add(b);
    }
    seen.add(echo.rtcpSenderSsrc());
    for (int i = 0; i < browser.length; i++) {
      assertTrue(echoes[i] > 0 && echoes[i] <= 0xFFFF_FFFFL, Long.toHexString(echoes[i]));
      assertTrue(seen.add(echoes[i]), "collision on " + echoes[i]);
      assertEquals(OptionalLong.of(echoes[i]), echo.echoSsrcOf(browser[i]));
    }
    assertEquals(OptionalLong.empty(), echo.echoSsrcOf(4));
  }

  @Test
  void aRandomSourceThatKeepsCollidingIsSkipped() {
    // A generator that first returns the browser's own SSRC, then the sender SSRC, then a new one.
    var echo = new EchoForwarder(new Random(7));
    long first = echo.addStream(0x1000L);
    var sequence = new Random(7);
    long sender = sequence.nextInt() & 0xFFFF_FFFFL;
    assertEquals(sender, echo.rtcpSenderSsrc());
    assertNotEquals(sender, first);
    assertNotEquals(0x1000L, first);
  }

  @Test
  void identityMappingIsAllowedButReuseIsNot() {
    var echo = new EchoForwarder(new Random(1));
    echo.addStream(10, 10);
    echo.addStream(20, 21);

    assertThrows(IllegalArgumentException.class, () -> echo.addStream(10));
    assertThrows(IllegalArgumentException.class, () -> echo.addStream(21, 30));
    assertThrows(IllegalArgumentException.class, () -> echo.addStream(30, 20));
    assertThrows(IllegalArgumentException.class, () -> echo.addStream(-1));
    assertThrows(IllegalArgumentException.class, () -> echo.addStream(1L << 32));
    assertThrows(IllegalArgumentException.class, () -> echo.addStreams(40, 40));
    assertEquals(OptionalLong.empty(), echo.echoSsrcOf(40), "a refused batch registers nothing");
    assertEquals(OptionalLong.of(21), echo.echoSsrcOf(20));
  }
}
