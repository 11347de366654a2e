package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/metrics} on the suite server (scrape token {@link Scrape#TOKEN}, allow-list
 * 192.0.2.0/24 so the test's own loopback address is NOT allowed): refused without the token or
 * with a wrong one (401, JSON problem), and with it a scrape that the Prometheus parser accepts in
 * both formats, with every Chorus figure, whose counters move with logins, messages and sockets.
 * The media figures moving with real packets: {@code e2e.MetricsMediaIT}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {
  static final List<String> CHORUS_SAMPLES =
      List.of(
          "chorus_sockets_open",
          "chorus_sockets_unauthenticated",
          "chorus_users_online",
          "chorus_rooms_active",
          "chorus_rooms_occupants",
          "chorus_media_up",
          "chorus_media_rooms",
          "chorus_media_transports",
          "chorus_media_producers",
          "chorus_media_consumers",
          "chorus_media_packets_received_total",
          "chorus_media_packets_sent_total",
          "chorus_media_received_bytes_total",
          "chorus_media_sent_bytes_total",
          "chorus_media_nacks_total",
          "chorus_media_plis_total",
          "chorus_media_srtp_failures_total",
          "chorus_media_dtls_failures_total",
          "chorus_chat_messages_sent_total",
          "chorus_logins_total",
          "chorus_rest_requests_seconds_count",
          "chorus_rest_requests_seconds_sum",
          "jvm_memory_used_bytes");

  private final TestClient client = new TestClient();

  @Test
  void refusedWithoutTheTokenFromAnAddressNotAllowed() {
    for (var authorization : new String[] {null, "Bearer wrong-token", "Basic aXQ6aXQ="}) {
      var reply = Scrape.get(client, authorization, false);
      assertEquals(401, reply.statusCode(), authorization + ": " + reply.body());
      assertTrue(
          reply.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
          reply.headers().toString());
      try (var reader = Json.createReader(new StringReader(reply.body()))) {
        var problem = reader.readObject();
        assertEquals(401, problem.getInt("status"), reply.body());
        assertTrue(problem.getString("detail").contains("chorus.metrics.token"), reply.body());
      }
    }
    // A user's login token is not a scrape token.
    var user = client.newUserToken("scrapeuser");
    assertEquals(401, Scrape.get(client, "Bearer " + user, false).statusCode());
  }

  @Test
  void bothFormatsParseAndNameEveryFigure() {
    // REST timers exist once a request was timed: on a fresh server this may be the first.
    assertEquals(200, client.get("api/auth/providers", null).status());
    var text = Scrape.of(client, false);
    assertTrue(text.contentType().startsWith("text/plain"), text.contentType());
    assertTrue(text.contentType().contains("version=0.0.4"), text.contentType());
    for (var name : CHORUS_SAMPLES) {
      assertTrue(text.names().contains(name), name + " missing from " + text.names());
    }
    assertEquals("counter", text.typeOf("chorus_media_packets_received_total"));
    assertEquals("gauge", text.typeOf("chorus_sockets_open"));
    assertEquals(1.0, text.value("chorus_media_up"), "the suite server runs media");
    text.value("chorus_media_packets_received_total", Map.of("kind", "rtp"));
    text.value("chorus_media_nacks_total", Map.of("direction", "received"));
    text.value("chorus_media_plis_total", Map.of("direction", "sent"));

    var open = Scrape.of(client, true);
    assertTrue(open.contentType().startsWith("application/openmetrics-text"), open.contentType());
    for (var name : CHORUS_SAMPLES) {
      assertTrue(open.names().contains(name), name + " missing from OpenMetrics " + open.names());
    }
  }

  @Test
  void loginsMessagesSocketsAndRequestsMoveTheFigures() {
    var before = Scrape.of(client, false);
    var alice = Users.create(client, "scrapea");
    var bob = Users.create(client, "scrapeb");
    assertEquals(401, client.login(alice.username(), "not-her-password").status());
    try (var a = alice.tab();
        var b = bob.tab()) {
      var ack = Users.send(a, bob.username(), "counted", "m-1");
      assertEquals("chat.ack", ack.getString("type"), ack.toString());
      var pushed = b.nextOfType("chat.message").getJsonObject("message");
      assertEquals("counted", pushed.getString("text"), pushed.toString());
      var after = Scrape.of(client, false);

      assertTrue(
          grew(before, after, "chorus_logins_total", Map.of("result", "success"), 2),
          "two users logged in");
      assertTrue(grew(before, after, "chorus_logins_total", Map.of("result", "failure"), 1));
      assertTrue(grew(before, after, "chorus_chat_messages_sent_total", Map.of(), 1));
      assertTrue(after.value("chorus_sockets_open") >= 2, "two tabs open");
      assertTrue(after.value("chorus_users_online") >= 2, "two users online");
      // The login route is timed by its template, with its status.
      var logins = Map.of("method", "POST", "route", "/api/sessions", "status", "201");
      assertTrue(grew(before, after, "chorus_rest_requests_seconds_count", logins, 2));
      assertTrue(after.value("chorus_rest_requests_seconds_sum", logins) > 0);
    }
  }

  @Test
  void socketsClosedLeaveTheGauges() throws Exception {
    var carol = Users.create(client, "scrapec");
    var c = carol.tab();
    int open = (int) Scrape.of(client, false).value("chorus_sockets_open");
    assertTrue(open >= 1);
    c.close();
    c.awaitClose(Duration.ofSeconds(10));
    var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (Scrape.of(client, false).value("chorus_sockets_open") >= open
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(Scrape.of(client, false).value("chorus_sockets_open") < open, "gauge went down");
  }

  private static boolean grew(
      Scrape before, Scrape after, String name, Map<String, String> labels, double by) {
    double was = before.names().contains(name) ? valueOrZero(before, name, labels) : 0;
    return after.value(name, labels) - was >= by;
  }

  private static double valueOrZero(Scrape scrape, String name, Map<String, String> labels) {
    try {
      return scrape.value(name, labels);
    } catch (AssertionError none) {
      return 0;
    }
  }
}
