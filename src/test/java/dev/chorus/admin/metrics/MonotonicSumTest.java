package dev.chorus.admin.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MonotonicSumTest {
  @Test
  void aThingThatGoesKeepsItsLastValueInTheTotal() {
    var sum = new MonotonicSum();
    assertEquals(0, sum.update(Map.of()));
    assertEquals(15, sum.update(Map.of("a", 10L, "b", 5L)));
    assertEquals(22, sum.update(Map.of("a", 12L, "b", 10L)));
    // b is gone: its 10 stay counted.
    assertEquals(23, sum.update(Map.of("a", 13L)));
    assertEquals(23 + 4, sum.update(Map.of("a", 13L, "c", 4L)));
    assertEquals(27, sum.update(Map.of()));
  }

  @Test
  void aThingsCounterNeverMakesTheTotalGoBack() {
    var sum = new MonotonicSum();
    assertEquals(9, sum.update(Map.of("a", 9L)));
    assertEquals(9, sum.update(Map.of("a", 3L)));
  }
}
