package dev.chorus.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sampler's parts that hold its memory and compute its rates: {@link SampleRing}, {@link
 * PacketRates}.
 */
class ServerSamplingTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void theRingKeepsTheNewestSamplesUpToItsCapacityOldestFirst() {
    var ring = new SampleRing<Integer>(3);
    assertNull(ring.latest());
    assertEquals(List.of(), ring.all());
    for (int i = 1; i <= 5; i++) {
      ring.add(i);
    }
    assertEquals(List.of(3, 4, 5), ring.all());
    assertEquals(5, ring.latest());
    assertThrows(IllegalArgumentException.class, () -> new SampleRing<Integer>(0));
  }

  @Test
  void theSamplerKeepsAnHourOfTenSecondSamples() {
    assertEquals(3600, ServerSampler.CAPACITY * ServerSampler.INTERVAL_SECONDS);
  }

  @Test
  void ratesAreTheGrowthOfEachOpenTransportPerSecond() {
    var rates = new PacketRates();
    assertEquals(
        PacketRates.Rates.NONE,
        rates.update(Map.of("a", new PacketRates.Totals(100, 50)), 0),
        "no rate before a second reading");

    // a grew by 200 in / 100 out, b is new with 100 / 300, over 10 s
    var r =
        rates.update(
            Map.of(
                "a", new PacketRates.Totals(300, 150),
                "b", new PacketRates.Totals(100, 300)),
            10 * SECOND);
    assertEquals(new PacketRates.Rates(30, 40), r);

    // a closed (drops out, its packets are not counted again), b grew by 50 / 0 over 5 s
    r = rates.update(Map.of("b", new PacketRates.Totals(150, 300)), 15 * SECOND);
    assertEquals(new PacketRates.Rates(10, 0), r);
  }

  @Test
  void aCounterThatGoesBackNeverGivesANegativeRate() {
    var rates = new PacketRates();
    rates.update(Map.of("a", new PacketRates.Totals(500, 500)), 0);
    assertEquals(
        new PacketRates.Rates(0, 0),
        rates.update(Map.of("a", new PacketRates.Totals(10, 10)), SECOND));
  }
}
