package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Directory sign-in against a real OpenLDAP ({@link Slapd}) with a Chorus of its own on Payara
 * Micro, configured at start with {@code chorus.auth.ldap.*} (the shared Arquillian server keeps
 * plain local accounts). Each test uses its own directory users, so the order does not matter.
 *
 * <p>{@code -Dit.ldap.server=wildfly} runs the same tests on the provisioned WildFly instead, and
 * {@code -Dit.ldap.db=postgresql} on a PostgreSQL of their own (schema by the Flyway migrations);
 * neither is part of the default run, to keep its time down (the directory code is plain Java SE
 * JNDI, and the migrations of both vendors are run elsewhere).
 */
class LdapIT {
  private static final String PEOPLE = TestDirectory.PEOPLE;
  private static final String ADMINS = TestDirectory.ADMINS;
  private static final String BAD_CREDENTIALS = "Wrong username or password.";

  private static Slapd slapd;
  private static AutoCloseable chorus;
  private static PostgresProcess postgres;
  private static TestClient client;

  @BeforeAll
  static void start() {
    var work = Path.of("target", "it-ldap", UUID.randomUUID().toString()).toAbsolutePath();
    slapd = TestDirectory.start(work.resolve("slapd"));
    var props = new HashMap<String, String>();
    if ("postgresql".equals(System.getProperty("it.ldap.db"))) {
      postgres = PostgresProcess.start(work);
      props.put("chorus.db.url", postgres.jdbcUrl());
      props.put("chorus.db.user", postgres.user());
      props.put("chorus.db.password", postgres.password());
    } else {
      props.put("chorus.db.url", "jdbc:h2:file:" + work.resolve("db/chorus") + ";WRITE_DELAY=0");
    }
    props.putAll(TestDirectory.settings(slapd));
    // Failures of several tests come from one address: only the per-user limit is under test.
    props.put("chorus.login.max-failures-per-client", "1000");
    try {
      if ("wildfly".equals(System.getProperty("it.ldap.server"))) {
        var wildfly = onWildFly(work, props);
        chorus = wildfly;
        client = new TestClient(wildfly.https());
      } else {
        var payara = PayaraProcess.start(work, props);
        chorus = payara;
        client = new TestClient(payara.https());
      }
    } catch (RuntimeException e) {
      slapd.close();
      if (postgres != null) {
        postgres.close();
      }
      throw e;
    }
  }

  private static WildFlyProcess onWildFly(Path work, Map<String, String> props) {
    var war = Path.of(System.getProperty("chorus.war", "target/chorus.war"));
    var target = war.toAbsolutePath().getParent();
    var config = Path.of(System.getProperty("chorus.wildfly.config", "server-config/wildfly"));
    int offset = Integer.getInteger("it.wildfly.port.offset", 20000);
    var all = new HashMap<>(props);
    all.remove("chorus.db.url");
    all.put("ice4j.harvest.mapping.aws.enabled", "false");
    all.put("chorus.https.port", Integer.toString(8443 + offset));
    all.put("chorus.media.udp-port", System.getProperty("it.wildfly.media.udp.port", "28100"));
    all.put("chorus.media.tcp-port", System.getProperty("it.wildfly.media.tcp.port", "28143"));
    all.put("chorus.tls.keystore", System.getProperty("chorus.keystore"));
    all.put("chorus.tls.keystore-password", System.getProperty("chorus.keystore.password"));
    var setup =
        new WildFlyProcess.Setup(
            Path.of(System.getProperty("wildfly.home", target.resolve("wildfly").toString())),
            work.resolve("wildfly"),
            offset,
            all,
            List.of(config.resolve("datasource-h2.cli"), config.resolve("https.cli")));
    return WildFlyProcess.start(setup, war);
  }

  @AfterAll
  static void stop() {
    try {
      if (chorus != null) {
        chorus.close();
      }
    } catch (Exception e) {
      throw new IllegalStateException("stopping Chorus failed", e);
    } finally {
      if (slapd != null) {
        slapd.close();
      }
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  @Test
  void theDirectoryPasswordSignsInAndTheFirstLoginCreatesTheAccount() {
    var login = client.login("Bob", "bob-directory-pw");
    assertEquals(201, login.status(), login.text());
    var account = login.json().getJsonObject("account");
    assertEquals("bob", account.getString("username"));
    assertEquals("Bob Builder", account.getString("displayName"));
    assertEquals("ldap", account.getString("origin"));
    var token = login.json().getString("token");

    var found = client.get("api/users?q=bob", token);
    assertEquals(200, found.status(), found.text());
    assertTrue(
        found.json().getJsonArray("items").getValuesAs(jakarta.json.JsonObject.class).stream()
            .anyMatch(u -> u.getString("username").equals("bob")),
        found.text());

    var again = client.login("bob", "bob-directory-pw");
    assertEquals(201, again.status(), again.text());
    assertEquals(
        account.getString("id"), again.json().getJsonObject("account").getString("id"), "same");
  }

  @Test
  void aDirectoryUserCannotChangeTheirPasswordInChorus() {
    var token = client.login("ivan", "ivan-directory-pw").json().getString("token");
    var body =
        Json.createObjectBuilder()
            .add("currentPassword", "ivan-directory-pw")
            .add("newPassword", "a-new-password")
            .build();
    var change = client.send("PUT", "api/accounts/me/password", body.toString(), token);
    assertEquals(403, change.status(), change.text());
    assertEquals("external_account", change.json().getString("code"));
    assertEquals(201, client.login("ivan", "ivan-directory-pw").status(), "password unchanged");
  }

  @Test
  void theDisplayNameFollowsTheDirectoryAtTheNextLogin() {
    var first = client.login("erin", "erin-directory-pw");
    assertEquals("Erin First", first.json().getJsonObject("account").getString("displayName"));
    slapd.replace("uid=erin," + PEOPLE, "displayName", "Erin Renamed");
    var second = client.login("erin", "erin-directory-pw");
    assertEquals(201, second.status(), second.text());
    assertEquals("Erin Renamed", second.json().getJsonObject("account").getString("displayName"));
  }

  @Test
  void membersOfTheAdminGroupAreAdminsAsLongAsTheyAreMembers() {
    var alice = client.login("alice", "alice-directory-pw").json().getString("token");
    var invite = client.send("POST", "api/admin/invites", "{}", alice);
    assertEquals(
        201, invite.status(), "a group member may call an admin endpoint: " + invite.text());

    var frank = client.login("frank", "frank-directory-pw").json().getString("token");
    assertEquals(403, client.send("POST", "api/admin/invites", "{}", frank).status(), "no member");

    slapd.removeValue(ADMINS, "member", "uid=alice," + PEOPLE);
    var relogin = client.login("alice", "alice-directory-pw").json().getString("token");
    assertEquals(
        403,
        client.send("POST", "api/admin/invites", "{}", relogin).status(),
        "re-evaluated at each login");
  }

  @Test
  void aDisabledDirectoryUserIsRefused() {
    var login = client.login("carol", "carol-directory-pw");
    assertEquals(403, login.status(), login.text());
    assertEquals("account_disabled", login.json().getString("code"));
    var wrong = client.login("carol", "not-her-password");
    assertEquals(401, wrong.status(), "nothing about the account without its password");
  }

  @Test
  void aDeletedDirectoryUserIsRefused() {
    assertEquals(201, client.login("dave", "dave-directory-pw").status());
    slapd.delete("uid=dave," + PEOPLE);
    var login = client.login("dave", "dave-directory-pw");
    assertEquals(401, login.status(), login.text());
    assertEquals(BAD_CREDENTIALS, login.json().getString("detail"));
  }

  @Test
  void wrongPasswordsUnknownUsersAndFilterInjectionGetTheSameAnswer() {
    for (var attempt :
        new String[][] {
          {"gus", "wrong-password"},
          {"nobody-here", "gus-directory-pw"},
          {"*", "gus-directory-pw"},
          {"gus)(uid=*", "gus-directory-pw"},
          {"g*", "gus-directory-pw"},
          {"gus", ""},
        }) {
      var login = client.login(attempt[0], attempt[1]);
      assertEquals(401, login.status(), attempt[0] + ": " + login.text());
      assertEquals(BAD_CREDENTIALS, login.json().getString("detail"));
    }
  }

  @Test
  void directoryLoginFailuresAreThrottledLikeLocalOnes() {
    for (int i = 0; i < 5; i++) {
      assertEquals(401, client.login("hank", "wrong-" + i).status());
    }
    var blocked = client.login("hank", "hank-directory-pw");
    assertEquals(429, blocked.status(), "even the right password waits: " + blocked.text());
  }

  @Test
  void localAccountsKeepWorkingBesideTheDirectory() {
    var name = TestClient.uniqueName("local");
    assertEquals(201, client.register(name, "local-password", "Local Person").status());
    var login = client.login(name, "local-password");
    assertEquals(201, login.status(), login.text());
    assertEquals("local", login.json().getJsonObject("account").getString("origin"));
    // A username a directory user already has cannot be registered again.
    client.login("judy", "judy-directory-pw");
    assertEquals(409, client.register("judy", "local-password", "Judy").status());
    assertFalse(client.login("judy", "judy-directory-pw").text().contains("passwordHash"));
  }
}
