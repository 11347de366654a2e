package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.RouterTestSupport.VP8;
import static dev.chorus.media.sfu.RouterTestSupport.deliver;
import static dev.chorus.media.sfu.RouterTestSupport.payload;
import static dev.chorus.media.sfu.RouterTestSupport.rtp;
import static dev.chorus.media.sfu.RouterTestSupport.video;
import static dev.chorus.media.sfu.RouterTestSupport.vp8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.sfu.RouterTestSupport.EventLog;
import dev.chorus.media.sfu.RouterTestSupport.ManualClock;
import dev.chorus.media.sfu.RouterTestSupport.Sink;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A big room's fan-out is shared with the packet pool ({@link FanOut}): past {@value
 * FanOut#SPREAD_FROM} consumers, some are forwarded on a {@link FanOutLane} while the publisher's
 * thread forwards the rest, and every consumer still gets every packet, in order, intact.
 */
class FanOutTest {
  private static final long MEDIA = 0xFA;
  private static final int PACKETS = 300;
  private static final int BURST = 50;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final ManualClock clock = new ManualClock();
  private final Router router = RouterTestSupport.router(clock, new EventLog());

  /** A sink that notes which threads sent through it, and can be made to fail. */
  private static final class ThreadSink extends Sink {
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    volatile boolean failing;

    @Override
    public boolean sendRtp(byte[] buf, int off, int len) {
      threads.add(Thread.currentThread().getName());
      if (failing) {
        throw new IllegalStateException("this subscriber's socket broke");
      }
      return super.sendRtp(buf, off, len);
    }
  }

  private record Room(Producer producer, List<Consumer> consumers, List<ThreadSink> sinks) {}

  private Room room(int viewers) {
    var publisher = router.addTransport("pub", new Sink(), new Sink(), new FanOut.Pool(pool, 2));
    var producer = publisher.produce(video(MEDIA, 0));
    var consumers = new ArrayList<Consumer>();
    var sinks = new ArrayList<ThreadSink>();
    for (int i = 0; i < viewers; i++) {
      var sink = new ThreadSink();
      sinks.add(sink);
      consumers.add(
          router
              .addTransport("viewer-" + i, sink, sink)
              .consume(producer, ConsumerOptions.defaults()));
    }
    clock.advanceMillis(1);
    return new Room(producer, consumers, sinks);
  }

  /**
   * Publishes in bursts of {@value #BURST} (a key frame's packets come about so), each after the
   * lanes have forwarded the one before: a lane holds at most {@link FanOutLane#SLOTS} packets.
   */
  private void publish(Room room) throws InterruptedException {
    var publisher = room.producer().transport();
    for (int i = 0; i < PACKETS; i++) {
      byte[] payload = vp8(i % 100 == 0, i % 3 == 0, i / 3, 1, 900 + i);
      deliver(publisher, rtp(MEDIA, VP8, 1000 + i, 3000L * (i / 3), payload));
      clock.advanceMillis(3);
      if ((i + 1) % BURST == 0) {
        awaitAll(room.sinks(), i + 1);
      }
    }
  }

  private static void awaitAll(List<ThreadSink> sinks, int packets) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (var sink : sinks) {
      while (!sink.failing && sink.rtp.size() < packets && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(2);
      }
    }
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void aBigRoomIsSharedWithThePoolAndEveryConsumerGetsEveryPacketInOrder() throws Exception {
    var room = room(100);
    String publisherThread = Thread.currentThread().getName();

    publish(room);
    awaitAll(room.sinks(), PACKETS);

    int inline = 0;
    int onLane = 0;
    for (int v = 0; v < room.sinks().size(); v++) {
      var sink = room.sinks().get(v);
      var packets = sink.rtpPackets();
      assertEquals(PACKETS, packets.size(), "viewer " + v);
      for (int i = 0; i < PACKETS; i++) {
        assertEquals(room.consumers().get(v).ssrc(), packets.get(i).ssrc());
        if (i > 0) {
          assertEquals(
              (packets.get(i - 1).sequenceNumber() + 1) & 0xFFFF,
              packets.get(i).sequenceNumber(),
              "viewer " + v + ": in order, none lost, at packet " + i);
        }
        assertArrayEquals(
            vp8(i % 100 == 0, i % 3 == 0, i / 3, 1, 900 + i),
            payload(packets.get(i)),
            "viewer " + v + " packet " + i);
      }
      // Each consumer stays where it was put: the publisher's thread, or its lane (whose drain
      // may run on either pool thread, one at a time).
      if (sink.threads.equals(Set.of(publisherThread))) {
        inline++;
      } else {
        assertTrue(sink.threads.stream().allMatch(t -> t.startsWith("pool-")), "" + sink.threads);
        onLane++;
      }
    }
    // The first 32 inline; then each newcomer where fewer are: 50 and 50.
    assertEquals(50, inline);
    assertEquals(50, onLane);
    assertEquals(100, room.producer().consumers().size());
  }

  @Test
  void aSmallRoomIsForwardedInlineOnThePublishersThread() throws Exception {
    var room = room(FanOut.SPREAD_FROM);
    String publisherThread = Thread.currentThread().getName();

    publish(room);

    for (var sink : room.sinks()) {
      assertEquals(PACKETS, sink.rtp.size(), "done when the publisher's thread returns");
      assertEquals(Set.of(publisherThread), sink.threads);
    }
  }

  @Test
  void aConsumerThatThrowsOnALaneLosesItsOwnPacketsOnly() throws Exception {
    var room = room(60);
    var broken = room.sinks().get(59); // joined late: on the lane
    broken.failing = true;

    publish(room);
    awaitAll(room.sinks().subList(0, 59), PACKETS);

    for (int v = 0; v < 59; v++) {
      assertEquals(PACKETS, room.sinks().get(v).rtp.size(), "viewer " + v);
    }
    assertTrue(broken.rtp.isEmpty());
    assertTrue(broken.threads.stream().allMatch(t -> t.startsWith("pool-")), "it was on the lane");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (room.consumers().get(59).stats().notSent() < PACKETS && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(2);
    }
    assertEquals(PACKETS, room.consumers().get(59).stats().notSent(), "each counted as not sent");
  }

  @Test
  void aLaneThatCannotKeepUpDropsPastItsSlotsAndCountsThemNotSent() throws Exception {
    var held = new LinkedBlockingQueue<Runnable>();
    var publisher =
        router.addTransport("pub", new Sink(), new Sink(), new FanOut.Pool(held::add, 2));
    var producer = publisher.produce(video(MEDIA, 0));
    var sinks = new ArrayList<ThreadSink>();
    var consumers = new ArrayList<Consumer>();
    for (int i = 0; i < FanOut.SPREAD_FROM + 1; i++) {
      var sink = new ThreadSink();
      sinks.add(sink);
      consumers.add(
          router.addTransport("v-" + i, sink, sink).consume(producer, ConsumerOptions.defaults()));
    }
    clock.advanceMillis(1);
    int sent = FanOutLane.SLOTS + 72;
    for (int i = 0; i < sent; i++) {
      deliver(publisher, rtp(MEDIA, VP8, 1000 + i, 3000L * i, vp8(i == 0, true, i, 1, 500)));
      clock.advanceMillis(3);
    }
    var late = consumers.get(FanOut.SPREAD_FROM); // the one on the lane, whose drain is held
    assertEquals(72, late.stats().notSent(), "no slot for the last 72");
    assertTrue(sinks.get(FanOut.SPREAD_FROM).rtp.isEmpty());

    Runnable drain;
    while ((drain = held.poll()) != null) {
      drain.run();
    }
    assertEquals(FanOutLane.SLOTS, sinks.get(FanOut.SPREAD_FROM).rtp.size(), "the first 128");
    assertEquals(sent, sinks.get(0).rtp.size(), "inline: everything");
  }
}
