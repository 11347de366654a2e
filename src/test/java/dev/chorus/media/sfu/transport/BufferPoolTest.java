package dev.chorus.media.sfu.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

  @Test
  void reusesReleasedBuffersAndAllocatesWhenEmpty() {
    var pool = new BufferPool(2, 100);
    byte[] a = pool.acquire();
    byte[] b = pool.acquire();
    byte[] c = pool.acquire(); // pool empty: a fresh one
    assertEquals(100, c.length);
    assertNotSame(a, b);

    pool.release(a);
    pool.release(b);
    pool.release(c); // no free slot: left to the GC
    pool.release(new byte[99]); // foreign size: ignored

    Set<byte[]> next = Collections.newSetFromMap(new IdentityHashMap<>());
    next.add(pool.acquire());
    next.add(pool.acquire());
    assertEquals(Set.of(a, b).size(), next.size());
    assertEquals(true, next.contains(a) && next.contains(b));
    assertNotSame(c, pool.acquire());
  }

  @Test
  void concurrentUseNeverHandsOneBufferToTwoHolders() throws Exception {
    var pool = new BufferPool(4, 64);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    var start = new CountDownLatch(1);
    var failures = new java.util.concurrent.atomic.AtomicInteger();
    for (int t = 0; t < 4; t++) {
      byte mark = (byte) (t + 1);
      threads.execute(
          () -> {
            try {
              start.await();
            } catch (InterruptedException e) {
              return;
            }
            for (int i = 0; i < 20_000; i++) {
              byte[] buf = pool.acquire();
              buf[0] = mark;
              Thread.yield();
              if (buf[0] != mark) {
                failures.incrementAndGet();
              }
              pool.release(buf);
            }
          });
    }
    start.countDown();
    threads.shutdown();
    assertEquals(true, threads.awaitTermination(30, TimeUnit.SECONDS));
    assertEquals(0, failures.get());
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new BufferPool(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new BufferPool(1, 0));
    var pool = new BufferPool(1, 10);
    byte[] only = pool.acquire();
    pool.release(only);
    assertSame(only, pool.acquire());
  }
}
