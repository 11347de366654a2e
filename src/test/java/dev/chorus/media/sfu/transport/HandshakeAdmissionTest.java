package dev.chorus.media.sfu.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * At most so many handshakes per address and per owner are handed to the pool; the rest wait in
 * order and go as their own address's and owner's handshakes end.
 */
class HandshakeAdmissionTest {
  /** A pool that only remembers what it was given; the test runs each task when it wants. */
  private final List<Runnable> pool = new ArrayList<>();

  private final HandshakeAdmission admission = new HandshakeAdmission(pool::add, 2, 2);
  private final List<String> ran = new ArrayList<>();

  private Runnable task(String name) {
    return () -> ran.add(name);
  }

  private void finish(int index) {
    pool.remove(index).run();
  }

  @Test
  void aBusyAddressWaitsWhileAnotherGoesAtOnce() throws Exception {
    var a = InetAddress.getByName("192.0.2.1");
    var b = InetAddress.getByName("192.0.2.2");
    admission.submit(a, null, task("a1"));
    admission.submit(a, null, task("a2"));
    admission.submit(a, null, task("a3"));
    admission.submit(a, null, task("a4"));
    admission.submit(b, null, task("b1"));
    assertEquals(3, pool.size(), "a1, a2 and b1");
    assertEquals(2, admission.waiting());
    assertEquals(2, admission.deferred());

    finish(0); // a1
    assertEquals(List.of("a1"), ran);
    assertEquals(3, pool.size(), "a3 took a1's place");
    assertEquals(1, admission.waiting());
    finish(2); // a3 (b1 is at 1)
    finish(1); // b1
    assertEquals(List.of("a1", "a3", "b1"), ran);
    assertEquals(2, pool.size(), "a2 and a4");
    assertEquals(0, admission.waiting());
  }

  @Test
  void anOwnerIsCappedAcrossAddresses() throws Exception {
    for (int i = 1; i <= 4; i++) {
      admission.submit(InetAddress.getByName("192.0.2." + i), "mallory", task("m" + i));
    }
    admission.submit(InetAddress.getByName("192.0.2.1"), "alice", task("alice"));
    admission.submit(null, null, task("anonymous"));
    assertEquals(4, pool.size(), "m1, m2, alice, anonymous");
    assertEquals(2, admission.waiting());

    finish(0); // m1
    assertEquals(4, pool.size(), "m3 in its place");
    assertEquals(1, admission.waiting());
  }

  @Test
  void aRefusedSubmissionLeavesNoCount() throws Exception {
    var a = InetAddress.getByName("192.0.2.1");
    var refusing =
        new HandshakeAdmission(
            t -> {
              throw new java.util.concurrent.RejectedExecutionException("shut down");
            },
            1,
            1);
    for (int i = 0; i < 3; i++) {
      try {
        refusing.submit(a, "x", task("t"));
      } catch (java.util.concurrent.RejectedExecutionException expected) {
        // Each attempt is refused by the pool, not held back by a leaked count.
      }
    }
    assertEquals(0, refusing.waiting());
  }
}
