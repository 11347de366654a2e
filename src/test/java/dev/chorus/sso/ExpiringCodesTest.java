package dev.chorus.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.common.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Single use, lifetime, grace and cap of the state and hand-off stores. */
class ExpiringCodesTest {
  private static final Duration LIFE = Duration.ofMinutes(10);

  record Setup(MutableClock clock, ExpiringCodes<String> codes) {}

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("fresh code", (Consumer<Setup>) s -> {}, "a", new ExpiringCodes.Found<>("A")),
        Arguments.of(
            "just before its end",
            (Consumer<Setup>) s -> s.clock().advance(LIFE.minusSeconds(1)),
            "a",
            new ExpiringCodes.Found<>("A")),
        Arguments.of(
            "at its end",
            (Consumer<Setup>) s -> s.clock().advance(LIFE),
            "a",
            new ExpiringCodes.Missing<>(ExpiringCodes.Miss.EXPIRED)),
        Arguments.of(
            "long after its end",
            (Consumer<Setup>) s -> s.clock().advance(LIFE.multipliedBy(3)),
            "a",
            new ExpiringCodes.Missing<>(ExpiringCodes.Miss.UNKNOWN)),
        Arguments.of(
            "used already",
            (Consumer<Setup>) s -> s.codes().take("a"),
            "a",
            new ExpiringCodes.Missing<>(ExpiringCodes.Miss.UNKNOWN)),
        Arguments.of(
            "never issued",
            (Consumer<Setup>) s -> {},
            "b",
            new ExpiringCodes.Missing<>(ExpiringCodes.Miss.UNKNOWN)),
        Arguments.of(
            "no code at all",
            (Consumer<Setup>) s -> {},
            null,
            new ExpiringCodes.Missing<>(ExpiringCodes.Miss.UNKNOWN)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void take(
      String name, Consumer<Setup> before, String code, ExpiringCodes.Taken<String> expected) {
    var clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    var codes = new ExpiringCodes<String>(LIFE, 10, clock);
    assertTrue(codes.put("a", "A"));
    before.accept(new Setup(clock, codes));
    assertEquals(expected, codes.take(code), name);
  }

  @Test
  void aFullStoreRefusesUntilEntriesExpire() {
    var clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    var codes = new ExpiringCodes<String>(LIFE, 2, clock);
    assertTrue(codes.put("a", "A"));
    clock.advance(Duration.ofMinutes(1));
    assertTrue(codes.put("b", "B"));
    assertFalse(codes.put("c", "C"), "full of live sign-ins");
    clock.advance(Duration.ofMinutes(9)); // "a" expired, "b" still live
    assertTrue(codes.put("c", "C"), "an expired entry makes room");
    assertEquals(2, codes.size());
    assertEquals(new ExpiringCodes.Found<>("B"), codes.take("b"));
    assertEquals(new ExpiringCodes.Found<>("C"), codes.take("c"));
  }

  @Test
  void expiredEntriesAreForgottenAfterTheGracePeriod() {
    var clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    var codes = new ExpiringCodes<String>(LIFE, 100, clock);
    for (int i = 0; i < 50; i++) {
      codes.put("k" + i, "v");
    }
    clock.advance(LIFE.multipliedBy(2));
    codes.put("new", "v");
    assertEquals(1, codes.size());
  }
}
