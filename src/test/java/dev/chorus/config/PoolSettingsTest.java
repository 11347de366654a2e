package dev.chorus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolSettingsTest {
  private static PoolSettings read(Map<String, String> config) {
    return PoolSettings.read(key -> Optional.ofNullable(config.get(key)));
  }

  @Test
  void nothingConfiguredMeansTwoToThirtyTwoConnectionsAndTenSecondsWait() {
    assertEquals(new PoolSettings(2, 32, Duration.ofSeconds(10)), read(Map.of()));
  }

  @Test
  void everyKeyIsRead() {
    assertEquals(
        new PoolSettings(4, 60, Duration.ofSeconds(3)),
        read(
            Map.of(
                "chorus.db.pool.min", " 4",
                "chorus.db.pool.max", "60 ",
                "chorus.db.pool.wait", "PT3S")));
  }

  @ParameterizedTest(name = "min={0} max={1} wait={2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "-, 0, -, chorus.db.pool.max",
        "-, 501, -, chorus.db.pool.max",
        "-, many, -, chorus.db.pool.max",
        "9, 8, -, chorus.db.pool.min",
        "-1, -, -, chorus.db.pool.min",
        "-, -, PT0.1S, chorus.db.pool.wait",
        "-, -, 10s, chorus.db.pool.wait",
      })
  void aBadValueIsRefusedNamingItsKey(String min, String max, String wait, String key) {
    var config = new HashMap<String, String>();
    if (min != null) {
      config.put("chorus.db.pool.min", min);
    }
    if (max != null) {
      config.put("chorus.db.pool.max", max);
    }
    if (wait != null) {
      config.put("chorus.db.pool.wait", wait);
    }
    var e = assertThrows(IllegalArgumentException.class, () -> read(config));
    assertTrue(e.getMessage().startsWith(key), e.getMessage());
  }
}
