package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
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

  @Test
  void livenessHasTheHeartbeatAndTheMediaReadersUp() {
    var live = checks("health/live");
    var heartbeat = live.get("heartbeat");
    assertEquals("UP", heartbeat.getString("status"), live.toString());
    assertEquals(true, heartbeat.getJsonObject("data").getBoolean("scheduled"));
    var media = live.get("media-threads");
    assertEquals("UP", media.getString("status"), live.toString());
    var data = media.getJsonObject("data");
    assertEquals(data.getJsonNumber("readerTasks"), data.getJsonNumber("readersRunning"));
  }

  @Test
  void readinessHasTheDatabaseAndTheMediaPortsUp() {
    var ready = checks("health/ready");
    assertEquals("UP", ready.get("database").getString("status"), ready.toString());
    var media = ready.get("media-ports");
    assertEquals("UP", media.getString("status"), ready.toString());
    var data = media.getJsonObject("data");
    assertEquals(true, data.getBoolean("portsBound"));
    assertEquals(ChorusServer.mediaUdpPort(), data.getInt("udpPort"));
    assertEquals(ChorusServer.mediaTcpPort(), data.getInt("tcpPort"));
  }
}
