package dev.chorus.media.sfu.transport;

import static dev.chorus.media.sfu.transport.SfuTestSupport.ECHO;
import static dev.chorus.media.sfu.transport.SfuTestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine holds at most {@code maxTransports}; a closed or failed one makes room again. */
class TransportCapTest {
  private LoopbackEngine media;
  private MediaEngine engine;

  @BeforeEach
  void start() throws Exception {
    media =
        LoopbackEngine.start(
            SfuTestSupport.loopback(Duration.ofSeconds(30)),
            MediaEngineOptions.defaults().withMaxTransports(3));
    engine = media.engine();
  }

  @AfterEach
  void stop() {
    media.close();
  }

  @Test
  void createTransportBeyondTheCapIsRefusedWithAClearMessage() throws Exception {
    var transports = new ArrayList<WebRtcTransport>();
    for (int i = 0; i < 3; i++) {
      transports.add(engine.createTransport(new StateLog(), i % 2 == 0 ? "alice" : null));
    }
    var refused =
        assertThrows(IllegalStateException.class, () -> engine.createTransport(new StateLog()));
    assertTrue(refused.getMessage().contains("maximum of 3 transports"), refused.getMessage());
    assertEquals(3, engine.transports().size(), "the refused one left nothing behind");
    assertEquals(3, engine.iceSessionCount());

    transports.get(0).close();
    eventually("forgotten", ECHO, () -> engine.transports().size() == 2);
    var again = engine.createTransport(new StateLog(), "bob");
    assertEquals(3, engine.transports().size());
    assertThrows(IllegalStateException.class, () -> engine.createTransport(new StateLog()));

    again.close();
    transports.get(1).close(); // closing twice frees one slot each, not two
    transports.get(1).close();
    eventually("forgotten", ECHO, () -> engine.transports().size() == 1);
    engine.createTransport(new StateLog());
    engine.createTransport(new StateLog());
    assertThrows(IllegalStateException.class, () -> engine.createTransport(new StateLog()));
  }
}
