package dev.chorus.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PingPacerTest {
  private static final Duration BEAT = Duration.ofSeconds(3);

  @ParameterizedTest(name = "{0} sockets at {1} pings/s: pinged every {2} s, dropped after {3} s")
  @CsvSource({
    // sockets, pings per second, period s, silence limit s
    "0,      1000,   3,  9",
    "1,      1000,   3,  9",
    "3000,   1000,   3,  9", // a beat's share of the budget: 3,000
    "3001,   1000,   6, 18",
    "10000,  1000,  12, 36",
    "10000, 10000,   3,  9",
    "10,        1,  12, 36", // 3 a beat
    "10,        0, 30, 90", // no budget still pings one socket a beat
  })
  void theSilenceLimitIsThreePeriodsAndThePeriodGrowsPastTheBudget(
      int sockets, int pingsPerSecond, long periodSeconds, long silenceSeconds) {
    var pacer = PingPacer.forBeat(sockets, BEAT, pingsPerSecond, null);
    assertEquals(Duration.ofSeconds(periodSeconds).toNanos(), pacer.periodNanos());
    assertEquals(Duration.ofSeconds(silenceSeconds).toNanos(), pacer.silenceLimitNanos());
  }

  @Test
  void whenTheSocketsBecomeFewerTheSilenceLimitComesDownABeatPerBeat() {
    var pacer = PingPacer.forBeat(10_000, BEAT, 1000, null);
    assertEquals(Duration.ofSeconds(36).toNanos(), pacer.silenceLimitNanos());
    var expected = new long[] {33, 30, 27, 24, 21, 18, 15, 12, 9, 9};
    for (long seconds : expected) {
      pacer = PingPacer.forBeat(100, BEAT, 1000, pacer);
      assertEquals(Duration.ofSeconds(3).toNanos(), pacer.periodNanos(), "pinged every beat now");
      assertEquals(Duration.ofSeconds(seconds).toNanos(), pacer.silenceLimitNanos());
    }
    pacer = PingPacer.forBeat(10_000, BEAT, 1000, pacer);
    assertEquals(Duration.ofSeconds(36).toNanos(), pacer.silenceLimitNanos(), "up at once");
  }

  @ParameterizedTest(name = "period 6 s, last pinged {0} ms ago, silent for {1} ms: due {2}")
  @CsvSource({
    "0,     60000, false",
    "4499,  60000, false",
    "4500,  60000, true", // half a beat early
    "6000,   6000, true",
    "60000, 60000, true",
    "60000,  3000, true", // silent for half a period
    "60000,  2999, false", // a frame in or out lately shows it is alive
    "60000,     0, false",
  })
  void aSocketIsDueHalfABeatBeforeItsPeriodIsOverUnlessItWasBusyLately(
      long sincePingMillis, long silentMillis, boolean due) {
    var pacer = PingPacer.forBeat(3001, BEAT, 1000, null);
    assertEquals(
        due,
        pacer.mayPing(
            Duration.ofMillis(sincePingMillis).toNanos(),
            Duration.ofMillis(silentMillis).toNanos()));
  }

  @Test
  void aBeatPingsAtMostItsShareOfTheBudget() {
    var pacer = PingPacer.forBeat(10, BEAT, 1, null); // 3 a beat
    long overdue = Duration.ofMinutes(1).toNanos();
    for (int i = 0; i < 3; i++) {
      assertTrue(pacer.mayPing(overdue, overdue), "ping " + i);
      pacer.pinged();
    }
    assertFalse(pacer.mayPing(overdue, overdue), "the beat's share is spent");
    assertEquals(3, pacer.pingedThisBeat());
  }
}
