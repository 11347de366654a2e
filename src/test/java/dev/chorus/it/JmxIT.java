package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Chorus MXBeans through a remote JMX connection to the suite server (its JVM's connector on
 * {@code it.jmx.port}, as JConsole would connect): one set under dev.chorus, the figures read, and
 * {@code disconnectUser} closes the user's open socket, {@code closeRoom} closes a room.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JmxIT {
  private final TestClient client = new TestClient();

  private static JMXConnector connect() throws Exception {
    var url =
        new JMXServiceURL(
            "service:jmx:rmi:///jndi/rmi://127.0.0.1:"
                + Integer.getInteger("it.jmx.port", 18099)
                + "/jmxrmi");
    return JMXConnectorFactory.connect(url);
  }

  @Test
  void oneSetOfMBeansWithLiveFigures() throws Exception {
    try (var jmx = connect()) {
      var server = jmx.getMBeanServerConnection();
      Set<String> names = new TreeSet<>();
      server.queryNames(new ObjectName("dev.chorus:*"), null).forEach(n -> names.add(n.toString()));
      assertEquals(
          Set.of(
              "dev.chorus:type=Connections",
              "dev.chorus:type=MediaEngine",
              "dev.chorus:type=Rooms"),
          names);

      var media = new ObjectName("dev.chorus:type=MediaEngine");
      assertEquals(true, server.getAttribute(media, "Running"));
      assertEquals(true, server.getAttribute(media, "PortsBound"));
      assertEquals(ChorusServer.mediaUdpPort(), server.getAttribute(media, "UdpPort"));
      assertEquals(
          server.getAttribute(media, "ReaderTasks"), server.getAttribute(media, "ReadersRunning"));
      assertTrue((Integer) server.getAttribute(media, "Threads") > 0);

      var alice = Users.create(client, "jmxa");
      var id = Rooms.create(alice, "public", null).getString("id");
      try (var tab = alice.tab()) {
        Rooms.enter(tab, id);
        var rooms = new ObjectName("dev.chorus:type=Rooms");
        assertTrue((Integer) server.getAttribute(rooms, "ActiveRooms") >= 1);
        assertTrue((Integer) server.getAttribute(rooms, "Occupants") >= 1);
        var connections = new ObjectName("dev.chorus:type=Connections");
        assertTrue((Integer) server.getAttribute(connections, "OpenSockets") >= 1);
        assertTrue(online(server, connections).contains(alice.username()));
        Rooms.request(tab, "room.leave", id, Json.createObjectBuilder().build());
      }
    }
  }

  @Test
  void disconnectUserClosesTheirSockets() throws Exception {
    var bob = Users.create(client, "jmxb");
    var carol = Users.create(client, "jmxc");
    try (var jmx = connect();
        var b1 = bob.tab();
        var b2 = bob.tab();
        var c = carol.tab()) {
      var server = jmx.getMBeanServerConnection();
      var connections = new ObjectName("dev.chorus:type=Connections");
      var closed =
          server.invoke(
              connections,
              "disconnectUser",
              new Object[] {bob.username()},
              new String[] {String.class.getName()});
      assertEquals(2, closed, "both of Bob's tabs");
      for (var tab : List.of(b1, b2)) {
        var close = tab.awaitClose(Duration.ofSeconds(10));
        assertEquals(1008, close.code(), close.toString());
      }
      assertTrue(!c.isClosed(), "Carol stays connected");
      var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (online(server, connections).contains(bob.username()) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(!online(server, connections).contains(bob.username()), "Bob went offline");
      assertTrue(online(server, connections).contains(carol.username()));
      assertEquals(
          0,
          server.invoke(
              connections,
              "disconnectUser",
              new Object[] {bob.username()},
              new String[] {String.class.getName()}));
    }
  }

  @Test
  void closeRoomTellsTheOccupantsAndDeletesTheRoom() throws Exception {
    var dan = Users.create(client, "jmxd");
    var room = Rooms.create(dan, "public", null);
    var id = room.getString("id");
    try (var jmx = connect();
        var tab = dan.tab()) {
      Rooms.enter(tab, id);
      var server = jmx.getMBeanServerConnection();
      var rooms = new ObjectName("dev.chorus:type=Rooms");
      var name =
          server.invoke(
              rooms, "closeRoom", new Object[] {id}, new String[] {String.class.getName()});
      var notice = tab.nextOfType("room.closed");
      assertEquals(id, notice.getString("roomId"), notice.toString());
      assertEquals("closed_by_admin", notice.getString("reason"), notice.toString());
      assertEquals(404, dan.get("api/rooms/" + id).status(), "the room is gone");
      assertEquals(room.getString("name"), name, "answers the room's name");

      var unknown =
          assertThrows(
              RuntimeMBeanException.class,
              () ->
                  server.invoke(
                      rooms,
                      "closeRoom",
                      new Object[] {"no-such-room"},
                      new String[] {String.class.getName()}));
      assertTrue(
          unknown.getCause() instanceof IllegalArgumentException,
          String.valueOf(unknown.getCause()));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> online(MBeanServerConnection server, ObjectName connections)
      throws Exception {
    var value = server.getAttribute(connections, "OnlineUsernames");
    return value instanceof String[] array ? List.of(array) : (List<String>) value;
  }
}
