package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MicroProfile Health on the suite server: liveness has the heartbeat and the media readers UP,
 * readiness the database and the media ports.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {
  private final TestClient client = new TestClient();

  private Map<String, JsonObject> checks(String path) {
    var reply = client.get(path, null);
    assertEquals(200, reply.status(), path + ": " + reply.text());
    assertEquals("UP", reply.json().getString("status"), reply.text());
    return reply.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
  }

  /** Health data values: Payara writes some as JSON strings, WildFly as JSON types. */
  private static String raw(JsonObject data, String key) {
    var value = data.get(key);
    if (value == null) {
      throw new AssertionError("no " + key + " in " + data);
    }
    return value instanceof JsonString s ? s.getString() : value.toString();
  }

  private static boolean flag(JsonObject data, String key) {
    return Boolean.parseBoolean(raw(data, key));
  }

  private static long number(JsonObject data, String key) {
    return Long.parseLong(raw(data, key));
  }

  @Test
  void livenessHasTheHeartbeatAndTheMediaReadersUp() {
    var live = checks("health/live");
    var heartbeat = live.get("heartbeat");
    assertEquals("UP", heartbeat.getString("status"), live.toString());
    assertTrue(flag(heartbeat.getJsonObject("data"), "scheduled"), heartbeat.toString());
    var media = live.get("media-threads");
    assertEquals("UP", media.getString("status"), live.toString());
    var data = media.getJsonObject("data");
    assertEquals(number(data, "readerTasks"), number(data, "readersRunning"), data.toString());
    assertTrue(number(data, "readerTasks") >= 2, "a UDP reader and the ICE-TCP loop");
  }

  @Test
  void readinessHasTheDatabaseAndTheMediaPortsUp() {
    var ready = checks("health/ready");
    assertEquals("UP", ready.get("database").getString("status"), ready.toString());
    var media = ready.get("media-ports");
    assertEquals("UP", media.getString("status"), ready.toString());
    var data = media.getJsonObject("data");
    assertTrue(flag(data, "portsBound"), data.toString());
    assertEquals(ChorusServer.mediaUdpPort(), number(data, "udpPort"));
    assertEquals(ChorusServer.mediaTcpPort(), number(data, "tcpPort"));
  }
}
