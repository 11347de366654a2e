package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.RouterTestSupport.OPUS;
import static dev.chorus.media.sfu.RouterTestSupport.payload;
import static dev.chorus.media.sfu.transport.SfuTestSupport.ECHO;
import static dev.chorus.media.sfu.transport.SfuTestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.sfu.RouterTestSupport.EventLog;
import dev.chorus.media.sfu.echo.EchoForwarder;
import dev.chorus.media.sfu.transport.FakeBrowser;
import dev.chorus.media.sfu.transport.LoopbackEngine;
import dev.chorus.media.sfu.transport.MediaEngine;
import dev.chorus.media.sfu.transport.MediaEngineOptions;
import dev.chorus.media.sfu.transport.RecordingThreadFactory;
import dev.chorus.media.sfu.transport.SfuTestSupport;
import dev.chorus.media.sfu.transport.StateLog;
import dev.chorus.media.sfu.transport.TransportState;
import dev.chorus.media.sfu.transport.WebRtcTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine on a thread factory with one packet thread: the ICE reader hands datagrams over, the
 * packet work of every transport in a room runs on that one shared pool thread, and the engine's
 * threads are the same fixed set before, during and after the room.
 */
class SharedPacketPoolLoopbackTest {
  private final RecordingThreadFactory threads = new RecordingThreadFactory();
  private LoopbackEngine media;
  private MediaEngine engine;

  @BeforeEach
  void start() throws Exception {
    media =
        LoopbackEngine.startWithThreads(
            SfuTestSupport.loopback(Duration.ofSeconds(30)),
            threads,
            MediaEngineOptions.defaults().withPacketThreads(1).withHandshakeThreads(2));
    engine = media.engine();
  }

  @AfterEach
  void stop() {
    media.close();
  }

  @Test
  void aRoomRunsOnOneSharedPacketThread() throws Exception {
    var log = new EventLog();
    var router = new Router("room", RouterOptions.defaults(), media.scheduler(), log);
    var pubStates = new StateLog();
    var pubTransport = engine.createTransport(pubStates);
    var audio = router.attach(pubTransport).produce(RouterTestSupport.audio(0xA));
    var publisher = media.connect(pubTransport, pubStates);

    var subscribers = new ArrayList<FakeBrowser>();
    var consumers = new ArrayList<Consumer>();
    var transports = new ArrayList<WebRtcTransport>(List.of(pubTransport));
    for (int i = 0; i < 3; i++) {
      var states = new StateLog();
      var t = engine.createTransport(states);
      consumers.add(router.attach(t).consume(audio, ConsumerOptions.defaults()));
      subscribers.add(media.connect(t, states));
      transports.add(t);
    }

    for (int i = 0; i < 30; i++) {
      byte[] data = new byte[80];
      data[7] = (byte) i;
      publisher.sendRtp(0xA, OPUS, 1000 + i, 960L * i, data);
      for (int s = 0; s < 3; s++) {
        byte[] wire = subscribers.get(s).receiveRtp(ECHO).orElseThrow();
        var p = RtpPacket.parse(wire, 0, wire.length).orElseThrow();
        assertEquals(consumers.get(s).ssrc(), p.ssrc());
        assertArrayEquals(data, payload(p));
      }
    }

    // 4 transports, 4 handshakes: still 1 UDP reader + 1 packet thread + 2 handshake threads.
    assertEquals(4, threads.made());
    assertEquals(4, threads.alive());
    assertEquals(4, engine.threadCount());
    for (var t : transports) {
      assertEquals(0, t.stats().counters().listenerErrors());
    }

    router.close();
    for (var t : transports) {
      assertTrue(t.awaitTermination(ECHO));
      assertEquals(TransportState.CLOSED, t.state());
    }
    assertEquals(0, engine.iceSessionCount());
    engine.close();
    eventually("every thread of the engine ended", ECHO, () -> threads.alive() == 0);
    assertEquals(0, engine.threadCount());
  }

  @Test
  void theEchoRunsOnTheSharedPoolToo() throws Exception {
    var states = new StateLog();
    var transport = engine.createTransport(states);
    var echo = new EchoForwarder();
    long back = echo.addStream(0x1234);
    transport.setMediaListener(echo);
    var browser = media.connect(transport, states);
    for (int i = 0; i < 20; i++) {
      browser.sendRtp(0x1234, 111, i, 0, new byte[] {(byte) i, 1, 2});
      byte[] wire = browser.receiveRtp(ECHO).orElseThrow();
      assertEquals(back, RtpPacket.parse(wire, 0, wire.length).orElseThrow().ssrc());
    }
    eventually("counted", ECHO, () -> echo.counters().rtpEchoed() == 20);
    transport.close();
    assertTrue(transport.awaitTermination(ECHO));
  }
}
