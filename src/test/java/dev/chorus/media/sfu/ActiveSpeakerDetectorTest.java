package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.RouterTestSupport.OPUS;
import static dev.chorus.media.sfu.RouterTestSupport.PUBLISHER_EXTENSIONS;
import static dev.chorus.media.sfu.RouterTestSupport.deliver;
import static dev.chorus.media.sfu.RouterTestSupport.rtp;
import static dev.chorus.media.sfu.RouterTestSupport.transport;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chorus.media.sfu.RouterTestSupport.EventLog;
import dev.chorus.media.sfu.RouterTestSupport.ManualClock;
import dev.chorus.media.sfu.RouterTestSupport.Sink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Dominant speaker from RFC 6464 audio levels, with hysteresis. */
class ActiveSpeakerDetectorTest {
  private static final long MS = 1_000_000L;

  private final List<Optional<String>> changes = new ArrayList<>();
  private final ActiveSpeakerDetector<String> detector = new ActiveSpeakerDetector<>(changes::add);
  private long now = 1_000 * MS;

  /** {@code millis} of 20 ms samples: levels in -dBov (0 loud, 127 silent). */
  private void talk(long millis, int alice, int bob) {
    for (long t = 0; t < millis; t += 20) {
      detector.onAudioLevel("alice", alice, now);
      detector.onAudioLevel("bob", bob, now);
      now += 20 * MS;
    }
  }

  @Test
  void firstToSpeakBecomesDominantAtOnce() {
    talk(200, 127, 127);
    assertEquals(List.of(), changes, "silence elects nobody");
    talk(600, 30, 127); // smoothing: a few hundred ms of speech, no hysteresis delay
    assertEquals(List.of(Optional.of("alice")), changes);
  }

  @Test
  void aShortInterruptionDoesNotMoveTheHighlight() {
    talk(1000, 30, 110);
    talk(300, 110, 25); // bob says "yes" for 300 ms
    talk(1000, 30, 110);
    assertEquals(List.of(Optional.of("alice")), changes);
  }

  @Test
  void aLouderSpeakerTakesOverAfterTheDelayAndTheDominantStaysThroughSilence() {
    talk(1000, 30, 110);
    talk(1500, 110, 25);
    assertEquals(List.of(Optional.of("alice"), Optional.of("bob")), changes);
    talk(3000, 127, 127);
    assertEquals(2, changes.size(), "nobody speaking: bob stays highlighted");
    assertEquals(Optional.of("bob"), detector.dominant());
  }

  @Test
  void similarlyLoudSpeakersDoNotFlap() {
    talk(1000, 30, 110);
    talk(3000, 32, 29); // bob only 3 dB louder: below the margin
    assertEquals(List.of(Optional.of("alice")), changes);
  }

  @Test
  void aSourceThatStopsSendingFadesAndRemovalHandsOver() {
    talk(1000, 30, 40);
    assertEquals(Optional.of("alice"), detector.dominant());
    detector.remove("alice", now);
    assertEquals(List.of(Optional.of("alice"), Optional.of("bob")), changes);
    detector.remove("bob", now);
    assertEquals(Optional.empty(), changes.get(2));
    detector.onAudioLevel("carol", 200, now); // out of range: ignored
    assertEquals(0, detector.loudness("carol"));
  }

  @Test
  void theRouterFeedsAudioLevelsFromPacketsAndReportsTheDominantProducer() {
    var clock = new ManualClock();
    var log = new EventLog();
    var router = RouterTestSupport.router(clock, log);
    var a = transport(router, "a", new Sink()).produce(RouterTestSupport.audio(0xA));
    var b = transport(router, "b", new Sink()).produce(RouterTestSupport.audio(0xB));
    for (int i = 0; i < 100; i++) {
      for (var pair : List.of(List.of(a, 0xAL, 40), List.of(b, 0xBL, 20))) {
        var producer = (Producer) pair.get(0);
        deliver(
            producer.transport(),
            rtp((Long) pair.get(1), OPUS, i, 960L * i, new byte[10])
                .extension(
                    PUBLISHER_EXTENSIONS.audioLevel(),
                    new byte[] {(byte) (0x80 | (Integer) pair.get(2))}));
      }
      clock.advanceMillis(20);
    }
    // a's first level elects a at once; b, 20 dB louder, takes over after the switch delay.
    assertEquals(List.of("speaker " + a.id(), "speaker " + b.id()), log.events);
    b.close();
    assertEquals(
        List.of(
            "speaker " + a.id(),
            "speaker " + b.id(),
            "producer " + b.id() + " CLOSED",
            "speaker " + a.id()),
        log.events,
        "a takes over");
  }
}
