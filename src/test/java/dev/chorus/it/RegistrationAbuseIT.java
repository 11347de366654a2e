package dev.chorus.it;

import static dev.chorus.it.AccountsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registration on a Chorus of its own, by invitation, with tiny registration budgets and one
 * password hash at a time (the shared test server must stay open to every other test): invites are
 * required and single-use, a flood from one address and a flood from everywhere get 429, a burst of
 * password checks gets 503, and a logged-in user's REST calls and chat keep working throughout.
 */
class RegistrationAbuseIT {
  private static final String BOSS = "boss";
  private static final String BOSS_PASSWORD = "boss-password-1";
  private static PayaraProcess server;
  private static TestClient client;
  private static String bossToken;

  @BeforeAll
  static void start() {
    var work = Path.of("target", "it-registration", UUID.randomUUID().toString()).toAbsolutePath();
    server =
        PayaraProcess.start(
            work,
            Map.of(
                "chorus.db.url", "jdbc:h2:mem:chorus-reg;DB_CLOSE_DELAY=-1",
                "chorus.admins", BOSS,
                "chorus.admin.initial-password", BOSS_PASSWORD,
                "chorus.registration.mode", "invite",
                "chorus.registration.per-client.burst", "4",
                "chorus.registration.per-client.per-hour", "1",
                "chorus.registration.global.burst", "6",
                "chorus.registration.global.per-hour", "1",
                "chorus.hashing.max-concurrent", "1",
                "chorus.hashing.max-waiting", "0"));
    client = new TestClient(server.https());
    var login = client.login(BOSS, BOSS_PASSWORD);
    assertEquals(201, login.status(), "the admin account was created at startup: " + login.text());
    bossToken = login.json().getString("token");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void floodsAreRefusedWhileALoggedInUserChatsOn() throws Exception {
    // Invites: required, checked, single-use (refusals cost no registration budget).
    var none = register(client, TestClient.uniqueName("nocode"), null);
    assertEquals(403, none.status(), none.text());
    assertProblem(none, 403);
    assertTrue(none.json().getString("detail").contains("invite"), none.text());
    var junk = register(client, TestClient.uniqueName("junk"), "not-an-invite");
    assertEquals(403, junk.status(), junk.text());
    assertTrue(junk.json().getString("detail").contains("not valid"), junk.text());
    var aliceInvite = invite();
    var alice = TestClient.uniqueName("alice");
    assertEquals(201, register(client, alice, aliceInvite).status());
    var reused = register(client, TestClient.uniqueName("second"), aliceInvite);
    assertEquals(403, reused.status(), reused.text());
    assertTrue(reused.json().getString("detail").contains("already been used"), reused.text());
    var bob = TestClient.uniqueName("bob");
    assertEquals(201, register(client, bob, invite()).status());
    // Budgets left: this address 2 of 4, the server 4 of 6.

    var aliceToken = client.login(alice, "password-1").json().getString("token");
    var bobToken = client.login(bob, "password-1").json().getString("token");
    try (var aliceTab = WsClient.connect(client, server.wss(), aliceToken);
        var bobTab = WsClient.connect(client, server.wss(), bobToken)) {
      aliceTab.nextOfType("welcome");
      bobTab.nextOfType("welcome");

      // One address: two more, then 429 naming the address, with Retry-After.
      var fromHere = registerMany(client, 6);
      assertEquals(List.of(201, 201, 429, 429, 429, 429), statuses(fromHere));
      var throttled = fromHere.get(2);
      assertProblem(throttled, 429);
      assertTrue(throttled.json().getString("detail").contains("your address"), throttled.text());
      assertTrue(throttled.headers().firstValue("retry-after").isPresent());
      chatStillWorks(aliceTab, bobTab, aliceToken, bob, "after the address flood");

      // Another address (IPv6 loopback) has its own budget, but the server's is nearly spent:
      // two more, then 429 for everyone.
      var elsewhere = new TestClient(URI.create("https://[::1]:" + server.https().getPort() + "/"));
      var fromThere = registerMany(elsewhere, 4);
      assertEquals(List.of(201, 201, 429, 429), statuses(fromThere));
      assertTrue(
          fromThere.get(2).json().getString("detail").contains("right now"),
          fromThere.get(2).text());
      chatStillWorks(aliceTab, bobTab, aliceToken, bob, "after the global flood");

      // Password checks in parallel beyond the one-at-a-time limit: the surplus gets 503 at once,
      // and the chat goes on meanwhile.
      var burst =
          loginBurst(
              alice,
              24,
              () -> chatStillWorks(aliceTab, bobTab, aliceToken, bob, "during the login burst"));
      assertTrue(
          burst.stream().allMatch(r -> r.status() == 201 || r.status() == 503),
          statuses(burst).toString());
      var busy =
          burst.stream()
              .filter(r -> r.status() == 503)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no 503 among " + statuses(burst)));
      assertProblem(busy, 503);
      assertTrue(Long.parseLong(busy.headers().firstValue("retry-after").orElseThrow()) >= 1);
      assertTrue(burst.stream().anyMatch(r -> r.status() == 201), statuses(burst).toString());
    }
  }

  @Test
  void adminsCreateAccountsAndInvitesNobodyElseDoes() {
    var name = TestClient.uniqueName("made");
    var made =
        client.send(
            "POST",
            "api/admin/accounts",
            Json.createObjectBuilder()
                .add("username", name)
                .add("password", "password-1")
                .add("displayName", "Made by boss")
                .build()
                .toString(),
            bossToken);
    assertEquals(201, made.status(), made.text());
    var token = client.login(name, "password-1").json().getString("token");
    assertEquals(403, client.send("POST", "api/admin/invites", "{}", token).status());
    var invalid = client.send("POST", "api/admin/invites", "{\"validFor\":\"soon\"}", bossToken);
    assertEquals(400, invalid.status(), invalid.text());
  }

  private static String invite() {
    var reply = client.send("POST", "api/admin/invites", "{\"validFor\":\"PT1H\"}", bossToken);
    assertEquals(201, reply.status(), reply.text());
    assertFalse(reply.json().getString("expiresAt").isBlank());
    return reply.json().getString("code");
  }

  private static TestClient.Reply register(TestClient from, String name, String invite) {
    var body =
        Json.createObjectBuilder()
            .add("username", name)
            .add("password", "password-1")
            .add("displayName", "Name of " + name);
    if (invite != null) {
      body.add("invite", invite);
    }
    return from.post("api/accounts", body.build());
  }

  /** Registrations one after the other, each with a fresh invite. */
  private static List<TestClient.Reply> registerMany(TestClient from, int count) {
    var replies = new ArrayList<TestClient.Reply>();
    for (int i = 0; i < count; i++) {
      replies.add(register(from, TestClient.uniqueName("flood"), invite()));
    }
    return replies;
  }

  /** {@code count} logins released at once; {@code meanwhile} runs while they are under way. */
  private static List<TestClient.Reply> loginBurst(String user, int count, Runnable meanwhile)
      throws Exception {
    var pool = Executors.newFixedThreadPool(count);
    try {
      var go = new CountDownLatch(1);
      var futures = new ArrayList<CompletableFuture<TestClient.Reply>>();
      var burstClient = new TestClient(server.https());
      for (int i = 0; i < count; i++) {
        futures.add(
            CompletableFuture.supplyAsync(
                () -> {
                  awaitQuietly(go);
                  return burstClient.login(user, "password-1");
                },
                pool));
      }
      go.countDown();
      meanwhile.run();
      var replies = new ArrayList<TestClient.Reply>();
      for (var f : futures) {
        replies.add(f.get(60, TimeUnit.SECONDS));
      }
      return replies;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void chatStillWorks(
      WsClient aliceTab, WsClient bobTab, String aliceToken, String bob, String when) {
    assertEquals(200, client.get("api/accounts/me", aliceToken).status(), when);
    var id = "c-" + UUID.randomUUID();
    var ack = Users.send(aliceTab, bob, "hello " + when, id);
    assertEquals("chat.ack", ack.getString("type"), when + ": " + ack);
    var got =
        bobTab.next(
            m ->
                m.getString("type").equals("chat.message")
                    && m.toString().contains("hello " + when),
            Duration.ofSeconds(10));
    assertTrue(got.toString().contains(when));
  }

  private static List<Integer> statuses(List<TestClient.Reply> replies) {
    return replies.stream().map(TestClient.Reply::status).toList();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
