package dev.chorus.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chorus.media.sfu.ConsumerStats;
import dev.chorus.media.sfu.MediaKind;
import dev.chorus.media.sfu.ProducerStats;
import dev.chorus.signaling.media.RoomMediaStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One room's media load as the admin API sums it from the room's media stats ({@link MediaLoad}).
 */
class MediaLoadTest {

  @Test
  void transportsAreCountedOnceAndBitratesAndLossAreSummedOverTracksAndCopies() {
    var room =
        new RoomMediaStats(
            "r1",
            null,
            List.of(
                new RoomMediaStats.Participant("ann", "send-a", "recv-a", false, false),
                new RoomMediaStats.Participant("bob", null, "recv-b", false, false)),
            List.of(
                new RoomMediaStats.ProducerView(
                    "ann",
                    "camera",
                    "0",
                    producer(layer(800_000, 64, true), layer(200_000, 0, false))),
                new RoomMediaStats.ProducerView(
                    "ann", "mic", "1", producer(layer(40_000, 0, true)))),
            List.of(
                new RoomMediaStats.ConsumerView(
                    "bob", "0", "ann", "camera", consumer(700_000, 128, 50)),
                new RoomMediaStats.ConsumerView("bob", "1", "ann", "mic", consumer(40_000, 0, 0))),
            List.of());

    var load = MediaLoad.of(room);

    assertEquals(3, load.transports());
    assertEquals(2, load.producers());
    assertEquals(2, load.consumers());
    assertEquals(1_040_000, load.bitrateInBps());
    assertEquals(740_000, load.bitrateOutBps());
    // Reports: two active layers (64, 0) and one consumer that has sent packets (128):
    // (64 + 0 + 128) / 3 / 256 = 25 %.
    assertEquals(25.0, load.packetLossPercent());
    assertEquals(0.0, MediaLoad.NONE.packetLossPercent());
    assertEquals(load, MediaLoad.NONE.plus(load));
    assertEquals(6, load.plus(load).transports());
  }

  private static ProducerStats producer(ProducerStats.Layer... layers) {
    return new ProducerStats("p", MediaKind.VIDEO, 1, 0, 0, 0, 0, List.of(layers));
  }

  private static ProducerStats.Layer layer(long bitrate, int fractionLost, boolean active) {
    return new ProducerStats.Layer(
        0, null, 1, 0, 100, 1000, bitrate, 0, fractionLost, 0, 0, 0, active);
  }

  private static ConsumerStats consumer(long bitrate, int fractionLost, long packets) {
    return new ConsumerStats(
        "c",
        "p",
        MediaKind.VIDEO,
        1,
        0,
        false,
        packets,
        0,
        bitrate,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        fractionLost,
        0,
        0,
        -1,
        0);
  }
}
