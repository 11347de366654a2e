package dev.chorus.im.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.common.ForbiddenException;
import dev.chorus.im.common.MutableClock;
import dev.chorus.im.common.ThrottledException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RegistrationGateTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private RegistrationGate gate(RegistrationMode mode, int perClient, int global) {
    // One token an hour: nothing refills while a test runs unless the clock is moved.
    return RegistrationGate.of(mode, perClient, 1, global, 1, clock);
  }

  @Test
  void openAdmitsEveryoneWithOrWithoutInvite() {
    var open = gate(RegistrationMode.OPEN, 5, 5);
    open.requireOpen(false);
    open.requireOpen(true);
  }

  @Test
  void closedRefusesEvenWithAnInvite() {
    var closed = gate(RegistrationMode.CLOSED, 5, 5);
    var e = assertThrows(ForbiddenException.class, () -> closed.requireOpen(true));
    assertEquals("registration_closed", e.code());
    assertTrue(e.getMessage().contains("administrator"), e.getMessage());
  }

  @Test
  void inviteModeNeedsAnInvite() {
    var invite = gate(RegistrationMode.INVITE, 5, 5);
    var e = assertThrows(ForbiddenException.class, () -> invite.requireOpen(false));
    assertEquals("invite_required", e.code());
    invite.requireOpen(true);
  }

  @Test
  void oneAddressIsThrottledWhileOthersGoOn() {
    var gate = gate(RegistrationMode.OPEN, 2, 100);
    gate.admit("10.0.0.1");
    gate.admit("10.0.0.1");
    var e = assertThrows(ThrottledException.class, () -> gate.admit("10.0.0.1"));
    assertTrue(e.getMessage().contains("your address"), e.getMessage());
    assertEquals(Duration.ofHours(1), e.retryAfter());
    gate.admit("10.0.0.2");
    clock.advance(Duration.ofHours(1));
    gate.admit("10.0.0.1");
  }

  @Test
  void theServerAsAWholeIsThrottledAndRefusalsByItDoNotChargeTheAddress() {
    var gate = gate(RegistrationMode.OPEN, 2, 3);
    gate.admit("10.0.0.1");
    gate.admit("10.0.0.2");
    gate.admit("10.0.0.3");
    var e = assertThrows(ThrottledException.class, () -> gate.admit("10.0.0.4"));
    assertTrue(e.getMessage().contains("right now"), e.getMessage());
    assertThrows(ThrottledException.class, () -> gate.admit("10.0.0.4"));
    gate.giveBack("10.0.0.1");
    // 10.0.0.4 still has both of its tokens: the global refusals did not spend them.
    gate.admit("10.0.0.4");
    clock.advance(Duration.ofHours(1));
    gate.admit("10.0.0.4");
  }

  @Test
  void modeIsReadCaseInsensitivelyAndJunkIsExplained() {
    assertEquals(RegistrationMode.INVITE, RegistrationMode.parse(" Invite "));
    var e = assertThrows(IllegalArgumentException.class, () -> RegistrationMode.parse("maybe"));
    assertTrue(e.getMessage().contains("open, closed or invite"));
  }
}
