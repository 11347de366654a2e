package dev.chorus.media.sfu.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The loss knob: off by default, bounded, close to its setting, the same choice every time. */
class SimulatedLossTest {
  private static final long SSRC = 0x1234_5678L;

  private static int dropsOf(SimulatedLoss loss, long ssrc, int packets) {
    int dropped = 0;
    for (int seq = 0; seq < packets; seq++) {
      if (loss.drops(ssrc, seq)) {
        dropped++;
      }
    }
    return dropped;
  }

  @Test
  void offByDefaultDropsNothing() {
    var loss = new SimulatedLoss();
    assertEquals(0, loss.percent());
    assertEquals(0, dropsOf(loss, SSRC, 65_536));
    assertEquals(0, loss.dropped());
  }

  @Test
  void dropsCloseToTheSettingAndCountsThem() {
    var loss = new SimulatedLoss();
    for (int percent : new int[] {1, 10, 25, 50}) {
      loss.setPercent(percent);
      long before = loss.dropped();
      int dropped = dropsOf(loss, SSRC + percent, 10_000);
      // Within 1.5 points of the setting over 10,000 packets.
      assertTrue(Math.abs(dropped - 100 * percent) <= 150, percent + " %: dropped " + dropped);
      assertEquals(dropped, loss.dropped() - before);
    }
  }

  @Test
  void theSamePacketOfTheSameStreamGetsTheSameChoice() {
    var a = new SimulatedLoss();
    var b = new SimulatedLoss();
    a.setPercent(10);
    b.setPercent(10);
    for (int seq = 0; seq < 1000; seq++) {
      assertEquals(a.drops(SSRC, seq), b.drops(SSRC, seq), "seq " + seq);
    }
    // Another stream loses other packets: not one fixed pattern for every subscriber.
    int same = 0;
    for (int seq = 0; seq < 1000; seq++) {
      if (a.drops(SSRC, seq) && a.drops(SSRC + 1, seq)) {
        same++;
      }
    }
    assertTrue(same < 40, "shared drops " + same);
  }

  @Test
  void lossesAreSpreadNotOneLongBurst() {
    var loss = new SimulatedLoss();
    loss.setPercent(10);
    int longestRun = 0;
    int run = 0;
    for (int seq = 0; seq < 10_000; seq++) {
      run = loss.drops(SSRC, seq) ? run + 1 : 0;
      longestRun = Math.max(longestRun, run);
    }
    assertTrue(longestRun <= 6, "longest burst " + longestRun);
  }

  @Test
  void settingsOutsideZeroToFiftyAreRefusedAndLeaveItAsItWas() {
    var loss = new SimulatedLoss();
    loss.setPercent(20);
    assertThrows(IllegalArgumentException.class, () -> loss.setPercent(-1));
    assertThrows(IllegalArgumentException.class, () -> loss.setPercent(51));
    assertEquals(20, loss.percent());
    loss.setPercent(0);
    assertFalse(loss.drops(SSRC, 7));
    assertEquals(0, loss.percent());
  }
}
