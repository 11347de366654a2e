package dev.chorus.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EnvelopeTest {
  @Test
  void parsesTypeIdAndBody() throws SocketError {
    var e = Envelope.parse("{\"type\":\"chat.send\",\"id\":\"c-1\",\"text\":\"hi\"}");
    assertEquals("chat.send", e.type());
    assertEquals("c-1", e.id());
    assertEquals("hi", e.body().getString("text"));
    assertEquals("{\"type\":\"ack\",\"id\":\"c-1\"}", e.reply("ack").build().toString());
  }

  @Test
  void idIsOptional() throws SocketError {
    var e = Envelope.parse("{\"type\":\"typing\"}");
    assertNull(e.id());
    assertEquals("{\"type\":\"x\"}", e.reply("x").build().toString());
  }

  @Test
  void rejectsWhatIsNotAnEnvelope() {
    assertEquals("bad_json", code("{"));
    assertEquals("bad_json", code(""));
    assertEquals("bad_request", code("42"));
    assertEquals("bad_request", code("[]"));
    assertEquals("bad_request", code("{\"type\":7}"));
    assertEquals("bad_request", code("{\"type\":\" \"}"));
    assertEquals("bad_request", code("{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}"));
  }

  @Test
  void errorCarriesTheRequestIdWhenKnown() {
    var e = assertThrows(SocketError.class, () -> Envelope.parse("{\"id\":\"r-9\"}"));
    assertEquals("r-9", e.toJson().getString("id"));
    assertEquals("error", e.toJson().getString("type"));
  }

  private static String code(String text) {
    return assertThrows(SocketError.class, () -> Envelope.parse(text)).code();
  }
}
