package dev.chorus.im.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retention purge deletes before now minus the retention and survives a failing run. */
class AuditPurgeTest {
  private static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");

  /** An audit log whose deletes are recorded, or fail while {@code failing} is set. */
  private static final class FakeLog extends AuditLog {
    final List<Instant> cutoffs = new ArrayList<>();
    boolean failing;

    @Override
    public int deleteBefore(Instant cutoff) {
      cutoffs.add(cutoff);
      if (failing) {
        throw new IllegalStateException("database away");
      }
      return 3;
    }
  }

  private static AuditPurge purge(FakeLog log, Duration retention) {
    var purge = new AuditPurge();
    purge.log = log;
    purge.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    purge.retention = retention;
    return purge;
  }

  @Test
  void deletesWhatIsOlderThanTheRetention() {
    var log = new FakeLog();
    assertEquals(3, purge(log, Duration.ofDays(90)).purgeNow());
    assertEquals(List.of(NOW.minus(Duration.ofDays(90))), log.cutoffs);
  }

  @Test
  void aFailedRunIsCaughtSoTheNextOneRuns() {
    var log = new FakeLog();
    var purge = purge(log, Duration.ofDays(1));
    log.failing = true;
    purge.run();
    log.failing = false;
    purge.run();
    assertEquals(2, log.cutoffs.size());
  }

  @Test
  void aNonPositiveRetentionStopsTheStart() {
    var purge = purge(new FakeLog(), Duration.ZERO);
    assertThrows(IllegalArgumentException.class, () -> purge.start(new Object()));
  }
}
